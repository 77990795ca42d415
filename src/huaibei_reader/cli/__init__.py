"""The command line of ../shared/CLI.md: one module per group of subcommands."""
