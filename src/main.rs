fn main() -> std::process::ExitCode {
    match dubao::cli::run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{}", dubao::cli::error_report(&err));
            std::process::ExitCode::FAILURE
        }
    }
}
