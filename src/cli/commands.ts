import type { CommandRegistration } from './command-registration.js';
import { registerDiff } from './diff.js';
import { registerBuild } from './build-command.js';
import { registerStats } from './stats-command.js';
import { registerMerge } from './merge-command.js';
import { registerGuide } from './guide-command.js';
import { registerImport } from './import-command.js';
import { registerEditorCommands } from './editor-commands.js';

/** Commands beyond validate and schema. Adding a command means adding it here. */
export const COMMANDS: CommandRegistration[] = [
  registerDiff,
  registerBuild,
  registerStats,
  registerMerge,
  registerGuide,
  registerImport,
  registerEditorCommands,
];
