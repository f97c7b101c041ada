use clap::Parser;

fn main() -> std::process::ExitCode {
    trustfund::cli::Cli::parse().run()
}
