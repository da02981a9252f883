//! Completions in real shells: the script `steady completions SHELL` prints is loaded into
//! bash (its completion function called as bash would), fish (`complete -C`) and zsh (loaded,
//! and its question to steady answered), and practice ids, built-in and the person's own, complete after `run`, `practices show` and
//! `--practice`, including a practice added after the script was loaded.

mod journal_common;
mod tools;

use std::path::Path;
use std::process::Command;

use journal_common::*;

/// A practice file with this id.
fn practice(id: &str) -> String {
    format!(
        "id = \"{id}\"\ntitle = \"An evening walk\"\nsummary = \"Walk.\"\nsource = \"Mine.\"\n\n[[steps]]\nkind = \"say\"\ntext = \"Walk slowly.\"\n"
    )
}

impl Env {
    /// `program -c script` with steady on PATH, the practices folder in this test's folder,
    /// and HOME there too, so nothing of the person's own is read.
    fn shell(&self, program: &str, script: &str) -> std::process::Output {
        let bin_dir = Path::new(BIN).parent().unwrap();
        let path = format!(
            "{}:{}",
            bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        Command::new(program)
            .arg("-c")
            .arg(script)
            .env("PATH", path)
            .env("HOME", &self.dir)
            .env("STEADY_PRACTICES", self.dir.join("practices"))
            .env_remove("COMPLETE")
            .output()
            .unwrap()
    }

    fn add_practice(&self, id: &str) {
        std::fs::create_dir_all(self.dir.join("practices")).unwrap();
        std::fs::write(self.dir.join(format!("practices/{id}.toml")), practice(id)).unwrap();
    }
}

/// Loads the bash script, adds a practice afterwards, then completes each line (its last
/// word is what is being completed) and prints the candidates, one block per line.
const BASH: &str = r#"
source <(steady completions bash) || exit 3
declare -F _clap_complete_steady >/dev/null || exit 4
mkdir -p "$STEADY_PRACTICES"
cp "$HOME/later.toml" "$STEADY_PRACTICES/"
complete_line() {
    read -ra COMP_WORDS <<< "$1"
    [[ "$1" == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE="$1"; COMP_POINT=${#1}; COMPREPLY=()
    _clap_complete_steady steady "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    echo "== $1"
    printf '%s\n' "${COMPREPLY[@]}"
}
complete_line "steady run "
complete_line "steady practices show fee"
complete_line "steady log --practice st"
complete_line "steady pr"
"#;

#[test]
fn bash_completes_practice_ids_at_the_moment_of_completion() {
    if tools::installed(&["bash"]).is_none() {
        return;
    }
    let env = Env::new("complete-bash");
    std::fs::write(env.dir.join("later.toml"), practice("evening-walk")).unwrap();
    let out = env.shell("bash", BASH);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let block = |line: &str| -> Vec<String> {
        text.split(&format!("== {line}\n"))
            .nth(1)
            .unwrap_or_default()
            .lines()
            .take_while(|l| !l.starts_with("== "))
            .map(str::to_owned)
            .collect()
    };
    let run = block("steady run ");
    for id in [
        "breath-reset",
        "feeling-check-in",
        "stay-present",
        "evening-walk",
    ] {
        assert!(run.iter().any(|c| c == id), "{id} in {run:?}");
    }
    assert_eq!(block("steady practices show fee"), ["feeling-check-in"]);
    assert_eq!(block("steady log --practice st"), ["stay-present"]);
    assert_eq!(block("steady pr"), ["practices"]);
}

#[test]
fn fish_completes_practice_ids_with_their_titles() {
    if tools::installed(&["fish"]).is_none() {
        return;
    }
    let env = Env::new("complete-fish");
    env.add_practice("evening-walk");
    let out = env.shell(
        "fish",
        "steady completions fish | source; complete -C 'steady practices show '; echo ==; complete -C 'steady export --format csv --practice ev'; echo ==; complete -C 'steady run br'",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let blocks: Vec<&str> = text.split("==\n").collect();
    assert!(
        blocks[0].contains("feeling-check-in\tFeeling check-in"),
        "{text}"
    );
    assert!(
        blocks[0].contains("evening-walk\tAn evening walk"),
        "{text}"
    );
    assert_eq!(blocks[1].trim(), "evening-walk\tAn evening walk");
    assert_eq!(blocks[2].trim(), "breath-reset\t90-second breath reset");
}

#[test]
fn every_shell_gets_a_script_that_calls_steady_back() {
    let env = Env::new("complete-scripts");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = env.run(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(
            script.contains("COMPLETE") && script.contains("steady"),
            "{shell}: {script}"
        );
    }
    let out = env.run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn zsh_loads_the_script_and_steady_answers_its_questions() {
    if tools::installed(&["zsh"]).is_none() {
        return;
    }
    let env = Env::new("complete-zsh");
    env.add_practice("evening-walk");
    let out = env.shell(
        "zsh",
        "autoload -Uz compinit && compinit -u && source <(steady completions zsh) && whence -w _clap_dynamic_completer_steady && COMPLETE=zsh _CLAP_COMPLETE_INDEX=2 steady -- steady run ev",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("_clap_dynamic_completer_steady: function"),
        "{text}"
    );
    assert!(
        text.trim_end().ends_with("evening-walk:An evening walk"),
        "{text:?}"
    );
}
