use clap::Parser;

fn main() -> std::process::ExitCode {
    trustfund::ops::memory::return_large_allocations();
    trustfund::cli::Cli::parse().run()
}
