// What went wrong when the server could not start or stopped, in words for a notification.
// Pure. The launcher (bundled/tool/lsp_server.py) exits with a code per known failure and
// explains it on stderr in a line starting with "mp-lsp: ".
import type { InterpreterChoice } from './interpreter';
import type { LaunchKind } from './command';

export const EXIT_PYTHON_TOO_OLD = 3;
export const EXIT_BUNDLED_LIBS_MISSING = 4;
export const EXIT_NOT_IN_ENVIRONMENT = 5;

export type FailureKind =
    | 'noPython'
    | 'interpreterMissing'
    | 'cannotRun'
    | 'pythonTooOld'
    | 'bundledLibsMissing'
    | 'notInEnvironment'
    | 'crashedOnStart'
    | 'initializeFailed'
    | 'crashed';

export type FailureAction = 'Show Output' | 'Open Settings' | 'Select Interpreter' | 'Restart Server';

export interface Failure {
    kind: FailureKind;
    /** One notification: what happened and what to do. */
    message: string;
    actions: FailureAction[];
}

export interface LaunchContext {
    kind: LaunchKind;
    /** The program started (a Python, or an mp-lsp executable). */
    command: string;
}

export interface ExitInfo {
    code: number | null;
    signal: string | null;
    /** What the process wrote on stderr (its end is enough). */
    stderr: string;
    /** Whether the server had answered `initialize` before it exited. */
    wasRunning: boolean;
}

/** A failure for an interpreter choice that cannot run anything, else undefined. */
export function describeInterpreterChoice(choice: InterpreterChoice): Failure | undefined {
    if (choice.kind === 'none') {
        return {
            kind: 'noPython',
            message: `mp-lsp: no Python found to run the language server (looked for ${choice.searched.join(', ')} on PATH). `
                + 'Install Python 3.9 or newer, select an interpreter in the Python extension, or set mp-lsp.interpreter.',
            actions: ['Select Interpreter', 'Open Settings', 'Show Output'],
        };
    }
    if (choice.kind === 'settingMissing') {
        const resolved = choice.resolved === choice.setting ? '' : ` (${choice.resolved})`;
        return {
            kind: 'interpreterMissing',
            message: `mp-lsp: the Python in the mp-lsp.interpreter setting, "${choice.setting}"${resolved}, does not exist. `
                + 'Set it to a Python 3.9+ executable or environment folder, or clear it.',
            actions: ['Open Settings', 'Show Output'],
        };
    }
    return undefined;
}

/** The process could not be started at all (ENOENT, EACCES...). */
export function describeSpawnError(error: { code?: string; message: string }, context: LaunchContext): Failure {
    const what = context.kind === 'executable' ? 'the mp-lsp executable in the mp-lsp.path setting' : 'Python';
    const reason = error.code === 'ENOENT' ? 'it does not exist' : error.code === 'EACCES' ? 'it is not executable' : error.message;
    return {
        kind: 'cannotRun',
        message: `mp-lsp: cannot run ${what}, ${context.command}: ${reason}. `
            + (context.kind === 'executable' ? 'Fix or clear mp-lsp.path.' : 'Choose another interpreter.'),
        actions: context.kind === 'executable' ? ['Open Settings', 'Show Output'] : ['Select Interpreter', 'Open Settings', 'Show Output'],
    };
}

/** The launcher's own explanation: the last stderr line starting with "mp-lsp: ". */
export function launcherMessage(stderr: string): string | undefined {
    const lines = stderr.split(/\r?\n/).filter((line) => line.startsWith('mp-lsp: '));
    return lines.length > 0 ? lines[lines.length - 1].slice('mp-lsp: '.length) : undefined;
}

/** The last non-empty stderr line (a traceback's last line names the exception). */
export function lastLine(stderr: string): string | undefined {
    const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    return lines.length > 0 ? lines[lines.length - 1] : undefined;
}

function exitText(exit: Pick<ExitInfo, 'code' | 'signal'>): string {
    if (exit.signal) {
        return `killed by ${exit.signal}`;
    }
    return exit.code === null ? 'exit code unknown' : `exit code ${exit.code}`;
}

export function describeExit(exit: ExitInfo, context: LaunchContext): Failure {
    const explanation = launcherMessage(exit.stderr);
    if (!exit.wasRunning && context.kind !== 'executable' && explanation) {
        if (exit.code === EXIT_PYTHON_TOO_OLD) {
            return { kind: 'pythonTooOld', message: `mp-lsp: ${explanation}`, actions: ['Select Interpreter', 'Open Settings', 'Show Output'] };
        }
        if (exit.code === EXIT_BUNDLED_LIBS_MISSING) {
            return { kind: 'bundledLibsMissing', message: `mp-lsp: ${explanation}`, actions: ['Show Output'] };
        }
        if (exit.code === EXIT_NOT_IN_ENVIRONMENT) {
            return { kind: 'notInEnvironment', message: `mp-lsp: ${explanation}`, actions: ['Open Settings', 'Select Interpreter', 'Show Output'] };
        }
    }
    const last = lastLine(exit.stderr);
    const detail = last ? `: ${last}` : '';
    if (!exit.wasRunning) {
        return {
            kind: 'crashedOnStart',
            message: `mp-lsp: the language server stopped while starting (${exitText(exit)})${detail}. `
                + 'See the output for details; fix the cause, then run "mp-lsp: Restart Server".',
            actions: ['Show Output', 'Restart Server'],
        };
    }
    return {
        kind: 'crashed',
        message: `mp-lsp: the language server stopped unexpectedly (${exitText(exit)})${detail}. `
            + 'It was not restarted again; see the output, then run "mp-lsp: Restart Server".',
        actions: ['Show Output', 'Restart Server'],
    };
}

export function describeInitializeError(error: unknown): Failure {
    const text = error instanceof Error ? error.message : String(error);
    return {
        kind: 'initializeFailed',
        message: `mp-lsp: the language server failed to initialize: ${text}. See the output for details.`,
        actions: ['Show Output', 'Restart Server'],
    };
}

/** Crash policy: a server that crashes after a good start is restarted once; a second crash
 * within `windowMs` stops it. A server that fails while starting is never restarted (it would
 * fail the same way: a restart loop). `crashes` are the times of the crashes so far, this one
 * included. */
export function shouldRestart(crashes: number[], now: number, wasRunning: boolean, windowMs = 3 * 60 * 1000): boolean {
    if (!wasRunning) {
        return false;
    }
    const recent = crashes.filter((time) => now - time <= windowMs);
    return recent.length <= 1;
}
