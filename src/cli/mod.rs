//! The command line: one file per subcommand.
pub mod receive;
pub mod sign;
