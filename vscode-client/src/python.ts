// The interpreter selected in the Python extension (ms-python.python), when it is installed.
// No hard dependency: the extension is looked up at run time and its public API
// (`exports.environments`, the API that @vscode/python-extension wraps) used if present.
import * as vscode from 'vscode';

const PYTHON_EXTENSION_ID = 'ms-python.python';

/** The part of the Python extension's API used here. */
interface EnvironmentPath {
    id: string;
    path: string;
}
interface ResolvedEnvironment {
    executable: { uri?: vscode.Uri };
}
interface EnvironmentsApi {
    getActiveEnvironmentPath(resource?: vscode.Uri | vscode.WorkspaceFolder): EnvironmentPath;
    resolveEnvironment(environment: EnvironmentPath | string): Promise<ResolvedEnvironment | undefined>;
    onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
}
interface PythonExtensionApi {
    environments?: EnvironmentsApi;
}

export function isPythonExtensionInstalled(): boolean {
    return vscode.extensions.getExtension(PYTHON_EXTENSION_ID) !== undefined;
}

async function environmentsApi(log: vscode.LogOutputChannel): Promise<EnvironmentsApi | undefined> {
    const extension = vscode.extensions.getExtension<PythonExtensionApi>(PYTHON_EXTENSION_ID);
    if (!extension) {
        return undefined;
    }
    try {
        const api = extension.isActive ? extension.exports : await extension.activate();
        return api?.environments;
    } catch (error) {
        log.warn(`The Python extension did not activate: ${String(error)}`);
        return undefined;
    }
}

/** The executable of the environment selected for `resource`, or undefined. */
export async function selectedInterpreter(
    resource: vscode.WorkspaceFolder | undefined,
    log: vscode.LogOutputChannel,
): Promise<string | undefined> {
    const environments = await environmentsApi(log);
    if (!environments) {
        return undefined;
    }
    try {
        const active = environments.getActiveEnvironmentPath(resource);
        const resolved = await environments.resolveEnvironment(active);
        const executable = resolved?.executable.uri?.fsPath;
        if (!executable) {
            log.warn(`The Python extension's selected environment (${active.path}) has no executable.`);
        }
        return executable;
    } catch (error) {
        log.warn(`Cannot read the Python extension's selected interpreter: ${String(error)}`);
        return undefined;
    }
}

/** Calls `listener` when the selected interpreter changes (when the Python extension is there). */
export async function onDidChangeInterpreter(listener: () => void, log: vscode.LogOutputChannel): Promise<vscode.Disposable | undefined> {
    const environments = await environmentsApi(log);
    return environments?.onDidChangeActiveEnvironmentPath(() => listener());
}
