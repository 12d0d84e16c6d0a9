// The extension's settings (the `mp-lsp` section) and what the server is sent of them.
// Pure: no `vscode` import, so that it is tested under plain Node.

export const SECTION = 'mp-lsp';

export type ImportStrategy = 'useBundled' | 'fromEnvironment';

/** What the extension itself reads: how and whether to run the server. */
export interface ClientSettings {
    enable: boolean;
    /** A Python executable (or environment directory) to run the server with; '' = choose. */
    interpreter: string;
    /** An `mp-lsp` executable to run instead of the bundled server; '' = none. */
    path: string;
    importStrategy: ImportStrategy;
}

/** The keys the server understands (see mp_lsp/server/configuration.py). `null` = unset: the
 * server then uses pyproject.toml's `[tool.mp-lsp]`, or its default. */
export interface ServerSettings {
    startMethod: unknown;
    select: unknown;
    ignore: unknown;
    exclude: unknown;
    severity: unknown;
    /** The oldest Python the project runs on (`py311`, `3.11`): with `platforms`, it decides
     * which start method is the default. */
    targetVersion: unknown;
    /** The platforms the project runs on (`linux`, `darwin`, `win32`). */
    platforms: unknown;
    /** The Python whose installed packages jedi reads. */
    interpreter: string | null;
}

/** The keys of the section passed through to the server (their values as the user wrote them,
 * so that the server, which validates them, reports a wrong one). */
export const SERVER_KEYS = [
    'startMethod', 'select', 'ignore', 'exclude', 'severity', 'targetVersion', 'platforms',
] as const;

/** Settings whose change needs a new server process rather than a didChangeConfiguration. */
export const RESTART_KEYS = ['enable', 'interpreter', 'path', 'importStrategy'] as const;

/** Reads a section: `get(key)` returns the value of `mp-lsp.<key>` (as WorkspaceConfiguration.get). */
export type SettingGetter = (key: string) => unknown;

export function readClientSettings(get: SettingGetter): ClientSettings {
    const strategy = get('importStrategy');
    return {
        enable: get('enable') !== false,
        interpreter: stringOr(get('interpreter'), '').trim(),
        path: stringOr(get('path'), '').trim(),
        importStrategy: strategy === 'fromEnvironment' ? 'fromEnvironment' : 'useBundled',
    };
}

/** Whether a value means "not set" (what VS Code sends for an untouched setting). */
export function isUnset(value: unknown): boolean {
    if (value === undefined || value === null) {
        return true;
    }
    if (typeof value === 'string' || Array.isArray(value)) {
        return value.length === 0;
    }
    if (typeof value === 'object') {
        return Object.keys(value as object).length === 0;
    }
    return false;
}

/** The `mp-lsp` section as the server is sent it, in `initializationOptions` and in answer to
 * `workspace/configuration`: the server's keys only (it reports keys it does not know), unset
 * values as `null`, and `interpreter` filled with the Python jedi should read. */
export function toServerSettings(get: SettingGetter, interpreter: string | undefined): ServerSettings {
    const result: Record<string, unknown> = {};
    for (const key of SERVER_KEYS) {
        const value = get(key);
        result[key] = isUnset(value) ? null : plain(value);
    }
    result.interpreter = interpreter && interpreter.length > 0 ? interpreter : null;
    return result as unknown as ServerSettings;
}

/** Whether a configuration change (`affects('mp-lsp.path')`...) needs the server restarted. */
export function needsRestart(affects: (setting: string) => boolean): boolean {
    return RESTART_KEYS.some((key) => affects(`${SECTION}.${key}`));
}

/** Whether a configuration change concerns the extension at all. */
export function affectsSection(affects: (setting: string) => boolean): boolean {
    return affects(SECTION);
}

function stringOr(value: unknown, fallback: string): string {
    return typeof value === 'string' ? value : fallback;
}

/** A JSON copy: VS Code hands out proxies of its configuration objects. */
function plain(value: unknown): unknown {
    return JSON.parse(JSON.stringify(value));
}
