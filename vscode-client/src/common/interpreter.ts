// Which Python runs the server. Pure: the file system and the environment are passed in.
//
// In order: the `mp-lsp.interpreter` setting; the interpreter selected in the Python extension
// (when it is installed and the workspace is trusted); `python3`, then `python`, on PATH.
import * as path from 'node:path';

export type InterpreterSource = 'setting' | 'pythonExtension' | 'path';

export type InterpreterChoice =
    | { kind: 'found'; path: string; source: InterpreterSource }
    /** The setting names something that does not exist (or is no Python): say so, don't guess. */
    | { kind: 'settingMissing'; setting: string; resolved: string }
    /** Nothing set, no Python extension answer and no Python on PATH. */
    | { kind: 'none'; searched: string[] };

export interface FileSystem {
    isFile(path: string): boolean;
    isDirectory(path: string): boolean;
}

export interface InterpreterInputs {
    /** `mp-lsp.interpreter` as written ('' when unset). */
    setting: string;
    /** The executable the Python extension has selected for the workspace, if it answered. */
    pythonExtension?: string;
    /** Whether the workspace is trusted: if not, the Python extension's selection (which may
     * be an environment inside the workspace) is not run. */
    trusted: boolean;
    workspaceFolder?: string;
    home: string;
    env: Record<string, string | undefined>;
    platform: NodeJS.Platform;
    fs: FileSystem;
}

/** Expands `~`, `${workspaceFolder}`, `${userHome}` and `${env:NAME}` as VS Code settings do. */
export function expandVariables(value: string, inputs: Pick<InterpreterInputs, 'workspaceFolder' | 'home' | 'env'>): string {
    let result = value.replace(/\$\{(workspaceFolder|userHome|env:([^}]+))\}/g, (match, name: string, variable?: string) => {
        if (name === 'workspaceFolder') {
            return inputs.workspaceFolder ?? match;
        }
        if (name === 'userHome') {
            return inputs.home;
        }
        return inputs.env[variable ?? ''] ?? '';
    });
    if (result === '~' || result.startsWith('~/') || result.startsWith('~\\')) {
        result = inputs.home + result.slice(1);
    }
    return result;
}

/** The Python of an environment directory (a venv or conda environment), if it has one. */
export function pythonInDirectory(directory: string, platform: NodeJS.Platform, fs: FileSystem): string | undefined {
    const join = platform === 'win32' ? path.win32.join : path.posix.join;
    const candidates = platform === 'win32'
        ? [join(directory, 'Scripts', 'python.exe'), join(directory, 'python.exe')]
        : [join(directory, 'bin', 'python3'), join(directory, 'bin', 'python')];
    return candidates.find((candidate) => fs.isFile(candidate));
}

/** The first of `names` found in the directories of PATH (with PATHEXT on Windows). */
export function findOnPath(names: string[], env: Record<string, string | undefined>, platform: NodeJS.Platform, fs: FileSystem): string | undefined {
    const separator = platform === 'win32' ? ';' : ':';
    const join = platform === 'win32' ? path.win32.join : path.posix.join;
    const pathValue = env.PATH ?? env.Path ?? '';
    const extensions = platform === 'win32'
        ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)
        : [''];
    for (const name of names) {
        for (const directory of pathValue.split(separator)) {
            if (!directory) {
                continue;
            }
            for (const extension of extensions) {
                const candidate = join(directory, name + extension);
                if (fs.isFile(candidate)) {
                    return candidate;
                }
            }
        }
    }
    return undefined;
}

/** The names tried on PATH, in order. */
export function pathNames(platform: NodeJS.Platform): string[] {
    return platform === 'win32' ? ['python', 'python3', 'py'] : ['python3', 'python'];
}

export function chooseInterpreter(inputs: InterpreterInputs): InterpreterChoice {
    if (inputs.setting.length > 0) {
        const resolved = expandVariables(inputs.setting, inputs);
        const isAbsolute = inputs.platform === 'win32' ? path.win32.isAbsolute(resolved) : path.posix.isAbsolute(resolved);
        if (inputs.fs.isDirectory(resolved)) {
            const python = pythonInDirectory(resolved, inputs.platform, inputs.fs);
            return python
                ? { kind: 'found', path: python, source: 'setting' }
                : { kind: 'settingMissing', setting: inputs.setting, resolved };
        }
        if (inputs.fs.isFile(resolved)) {
            return { kind: 'found', path: resolved, source: 'setting' };
        }
        if (!isAbsolute && !resolved.includes('/') && !resolved.includes('\\')) {
            // A bare name such as "python3.12": look it up on PATH.
            const found = findOnPath([resolved], inputs.env, inputs.platform, inputs.fs);
            if (found) {
                return { kind: 'found', path: found, source: 'setting' };
            }
        }
        return { kind: 'settingMissing', setting: inputs.setting, resolved };
    }
    if (inputs.trusted && inputs.pythonExtension && inputs.fs.isFile(inputs.pythonExtension)) {
        return { kind: 'found', path: inputs.pythonExtension, source: 'pythonExtension' };
    }
    const names = pathNames(inputs.platform);
    const found = findOnPath(names, inputs.env, inputs.platform, inputs.fs);
    return found ? { kind: 'found', path: found, source: 'path' } : { kind: 'none', searched: names };
}

export function describeSource(source: InterpreterSource): string {
    switch (source) {
        case 'setting':
            return 'the mp-lsp.interpreter setting';
        case 'pythonExtension':
            return "the Python extension's selected interpreter";
        case 'path':
            return 'the first Python on PATH';
    }
}
