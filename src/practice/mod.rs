//! Practices: the model of a practice and its steps (`model`), reading and checking practice
//! files with positions (being built, issue 2), and the library of built-in and user
//! practices.

pub mod model;
