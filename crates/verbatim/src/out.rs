//! Standard output for the commands. A reader that stops early (`verbatim search ... | head`) closes the
//! pipe; `println!` would then panic. These write the same text, and a closed pipe ends the command
//! quietly with exit 0, as it ends any Unix tool whose output is no longer read.

use std::io::Write as _;

/// Writes formatted text to standard output; see the module doc for a closed pipe.
pub fn write(args: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = stdout.write_fmt(args) {
        drop(stdout);
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("verbatim: cannot write to standard output: {err}");
        std::process::exit(2);
    }
}

/// `println!` for the commands: ends quietly when the reader has gone.
#[macro_export]
macro_rules! outln {
    () => {
        $crate::out::write(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::out::write(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` for the commands: ends quietly when the reader has gone.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::out::write(format_args!($($arg)*))
    };
}
