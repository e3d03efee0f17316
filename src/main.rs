fn main() -> std::process::ExitCode {
    match dubao::cli::run() {
        Ok(code) => code,
        // The reader of a pipe went away (`dubao search … | head`): nothing went wrong.
        Err(err) if dubao::cli::is_broken_pipe(&err) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{}", dubao::cli::error_report(&err));
            std::process::ExitCode::FAILURE
        }
    }
}
