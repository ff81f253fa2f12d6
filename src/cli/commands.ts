import type { Command } from 'commander';
import { registerDiff } from './diff.js';
import { registerBuild } from './build-command.js';
import { registerStats } from './stats-command.js';
import { registerMerge } from './merge-command.js';

/** A command registers itself on the program; its action imports its implementation lazily. */
export type CommandRegistration = (program: Command, setExitCode: (code: number) => void) => void;

/** Commands beyond validate and schema. Adding a command means adding it here. */
export const COMMANDS: CommandRegistration[] = [registerDiff, registerBuild, registerStats, registerMerge];
