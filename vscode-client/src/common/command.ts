// The command line that starts the server. Pure.
import * as path from 'node:path';
import type { ImportStrategy } from './settings';

export type LaunchKind = 'bundled' | 'environment' | 'executable';

export interface ServerCommand {
    kind: LaunchKind;
    command: string;
    args: string[];
    /** Added to the extension host's environment. */
    env: Record<string, string>;
}

export interface LaunchInputs {
    /** The extension's install folder (holds bundled/tool and bundled/libs). */
    extensionPath: string;
    importStrategy: ImportStrategy;
    /** `mp-lsp.path`, variables already expanded; '' when unset. */
    executable: string;
    /** The Python chosen to run the server; needed unless `executable` is set. */
    python?: string;
    /** The extension host's process id: the server exits when it does. */
    clientProcessId?: number;
    /** In an untrusted workspace only the bundled server runs. */
    trusted: boolean;
    platform: NodeJS.Platform;
}

/** The launcher script, relative to the extension's folder. */
export const LAUNCHER = ['bundled', 'tool', 'lsp_server.py'];
export const BUNDLED_LIBS = ['bundled', 'libs'];

export function launcherPath(extensionPath: string, platform: NodeJS.Platform): string {
    return (platform === 'win32' ? path.win32 : path.posix).join(extensionPath, ...LAUNCHER);
}

export function bundledLibsPath(extensionPath: string, platform: NodeJS.Platform): string {
    return (platform === 'win32' ? path.win32 : path.posix).join(extensionPath, ...BUNDLED_LIBS);
}

/** The effective way of running the server, after workspace trust is taken into account. */
export function launchKind(inputs: Pick<LaunchInputs, 'importStrategy' | 'executable' | 'trusted'>): LaunchKind {
    if (!inputs.trusted) {
        return 'bundled';
    }
    if (inputs.executable.length > 0) {
        return 'executable';
    }
    return inputs.importStrategy === 'fromEnvironment' ? 'environment' : 'bundled';
}

export function buildServerCommand(inputs: LaunchInputs): ServerCommand {
    const kind = launchKind(inputs);
    const serveArgs = ['--stdio'];
    if (inputs.clientProcessId !== undefined && inputs.clientProcessId > 0) {
        serveArgs.push('--clientProcessId', String(inputs.clientProcessId));
    }
    if (kind === 'executable') {
        return { kind, command: inputs.executable, args: ['serve', ...serveArgs], env: {} };
    }
    if (!inputs.python) {
        throw new Error('a Python interpreter is needed to run the server');
    }
    return {
        kind,
        command: inputs.python,
        args: [launcherPath(inputs.extensionPath, inputs.platform), ...serveArgs],
        env: {
            MP_LSP_IMPORT_STRATEGY: kind === 'bundled' ? 'useBundled' : 'fromEnvironment',
            // Messages on stderr reach the output channel as they are written.
            PYTHONUNBUFFERED: '1',
            PYTHONIOENCODING: 'utf-8',
        },
    };
}

/** A command line for the output channel, quoted where needed. */
export function formatCommand(command: ServerCommand): string {
    const quote = (part: string) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`);
    const env = Object.entries(command.env).map(([key, value]) => `${key}=${quote(value)}`);
    return [...env, quote(command.command), ...command.args.map(quote)].join(' ');
}
