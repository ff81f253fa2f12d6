import type { Command } from 'commander';

/** A command registers itself on the program; its action imports its implementation lazily. */
export type CommandRegistration = (program: Command, setExitCode: (code: number) => void) => void;
