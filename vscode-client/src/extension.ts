// The VS Code extension: starts the mp-lsp language server and keeps it in step with settings.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { PassThrough } from 'node:stream';
import * as vscode from 'vscode';
import {
    CloseAction,
    DidChangeConfigurationNotification,
    ErrorAction,
    LanguageClient,
    LanguageClientOptions,
    RevealOutputChannelOn,
    State,
    StreamInfo,
} from 'vscode-languageclient/node';
import { buildServerCommand, formatCommand, launchKind, ServerCommand } from './common/command';
import {
    describeExit,
    describeInitializeError,
    describeInterpreterChoice,
    describeSpawnError,
    Failure,
    FailureAction,
    LaunchContext,
    shouldRestart,
} from './common/failure';
import { chooseInterpreter, describeSource, expandVariables } from './common/interpreter';
import { affectsSection, needsRestart, readClientSettings, SECTION, toServerSettings } from './common/settings';
import { isPythonExtensionInstalled, onDidChangeInterpreter, selectedInterpreter } from './python';
import { StatusItem } from './status';

const SHOW_OUTPUT = 'mp-lsp.showOutput';
const RESTART = 'mp-lsp.restart';

/** The library shows notifications of its own ("couldn't create connection to server", "the
 * server crashed 5 times"...). This extension shows one notification per failure itself, saying
 * what to do, so the library's messages only go to the output channel. */
class QuietLanguageClient extends LanguageClient {
    override error(message: string, data?: unknown): void {
        super.error(message, data, false);
    }
    override warn(message: string, data?: unknown): void {
        super.warn(message, data, false);
    }
    override info(message: string, data?: unknown): void {
        super.info(message, data, false);
    }
    /** When the server dies while starting, the library stops the client without handling the
     * rejection ("Client is not running and can't be stopped"): there is nothing to stop. */
    override async stop(timeout?: number): Promise<void> {
        try {
            await super.stop(timeout);
        } catch (error) {
            if (this.state === State.Running) {
                throw error;
            }
            super.info(`Nothing to stop: ${error instanceof Error ? error.message : String(error)}`, undefined, false);
        }
    }
}

/** One server process: what it wrote on stderr and how it ended. */
class ServerProcess {
    stderr = '';
    spawnError?: NodeJS.ErrnoException;
    /** Set once the server has answered `initialize`. */
    wasRunning = false;
    /** Set once a notification has been shown for this process. */
    reported = false;
    exit?: { code: number | null; signal: string | null };
    kill?: () => void;
    private resolveExited!: () => void;
    readonly exited = new Promise<void>((resolve) => (this.resolveExited = resolve));

    constructor(readonly context: LaunchContext) {}

    appendStderr(text: string): void {
        // The end is what explains a failure; keep it bounded.
        this.stderr = (this.stderr + text).slice(-20000);
    }

    markExited(code: number | null, signal: string | null): void {
        this.exit = { code, signal };
        this.resolveExited();
    }

    /** Waits (a bounded time) for the process to end; whether it did. */
    async waitForExit(milliseconds: number): Promise<boolean> {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([this.exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, milliseconds)))]);
        clearTimeout(timer);
        return this.exit !== undefined;
    }
}

class ServerController implements vscode.Disposable {
    private client?: LanguageClient;
    private process?: ServerProcess;
    /** The Python jedi is told to read (the one chosen for the workspace). */
    private interpreter?: string;
    private crashes: number[] = [];
    private queue: Promise<void> = Promise.resolve();
    private disposed = false;

    constructor(
        private readonly extensionPath: string,
        private readonly output: vscode.LogOutputChannel,
        private readonly status: StatusItem,
    ) {}

    /** Starts, stops and restarts run one at a time, in order. */
    private enqueue(task: () => Promise<void>): Promise<void> {
        this.queue = this.queue.then(task, task).catch((error) => {
            this.output.error(`mp-lsp: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        });
        return this.queue;
    }

    start(): Promise<void> {
        return this.enqueue(() => this.startNow());
    }

    restart(reason: string): Promise<void> {
        return this.enqueue(async () => {
            this.output.info(`Restarting the server: ${reason}.`);
            this.crashes = [];
            await this.stopNow();
            await this.startNow();
        });
    }

    private folder(): vscode.WorkspaceFolder | undefined {
        return vscode.workspace.workspaceFolders?.[0];
    }

    private configuration(scope?: vscode.Uri): vscode.WorkspaceConfiguration {
        return vscode.workspace.getConfiguration(SECTION, scope ?? this.folder()?.uri);
    }

    /** The section as the server is sent it, for a scope (a file or folder URI). */
    serverSettings(scopeUri?: string): unknown {
        const configuration = this.configuration(scopeUri ? vscode.Uri.parse(scopeUri) : undefined);
        return toServerSettings((key) => configuration.get(key), this.interpreter);
    }

    private async startNow(): Promise<void> {
        if (this.disposed) {
            return;
        }
        const folder = this.folder();
        const configuration = this.configuration();
        const settings = readClientSettings((key) => configuration.get(key));
        if (!settings.enable) {
            this.output.info('mp-lsp.enable is false: the server is not started.');
            this.status.set('disabled');
            return;
        }
        this.status.set('starting');
        const trusted = vscode.workspace.isTrusted;
        const variables = { workspaceFolder: folder?.uri.fsPath, home: os.homedir(), env: process.env };
        const executable = settings.path ? expandVariables(settings.path, variables) : '';
        const kind = launchKind({ importStrategy: settings.importStrategy, executable, trusted });
        if (!trusted) {
            this.output.info('The workspace is not trusted: running the bundled server with a Python from outside the workspace.');
        }

        const fromPythonExtension = trusted && !settings.interpreter ? await selectedInterpreter(folder, this.output) : undefined;
        const choice = chooseInterpreter({
            setting: settings.interpreter,
            pythonExtension: fromPythonExtension,
            trusted,
            ...variables,
            platform: process.platform,
            fs: { isFile, isDirectory },
        });
        this.interpreter = choice.kind === 'found' ? choice.path : undefined;
        if (choice.kind === 'found') {
            this.output.info(`Python: ${choice.path} (${describeSource(choice.source)}).`);
        }
        const choiceFailure = describeInterpreterChoice(choice);
        if (choiceFailure && kind !== 'executable') {
            this.fail(choiceFailure);
            return;
        }

        const command = buildServerCommand({
            extensionPath: this.extensionPath,
            importStrategy: settings.importStrategy,
            executable,
            python: this.interpreter,
            clientProcessId: process.pid,
            trusted,
            platform: process.platform,
        });
        const context: LaunchContext = { kind: command.kind, command: command.command };
        this.output.info(`Starting the ${describeKind(command.kind)}: ${formatCommand(command)}`);

        const cwd = folder?.uri.scheme === 'file' ? folder.uri.fsPath : os.homedir();
        const client = new QuietLanguageClient(
            SECTION,
            'mp-lsp',
            () => this.spawnServer(command, cwd, context),
            this.clientOptions(),
        );
        this.client = client;
        client.onDidChangeState((event) => {
            if (client !== this.client) {
                return;
            }
            if (event.newState === State.Running) {
                if (this.process) {
                    this.process.wasRunning = true;
                }
                this.status.set('ready', `${describeKind(command.kind)}: ${command.command}`);
            } else if (event.newState === State.Starting) {
                this.status.set('starting');
            }
        });
        // Not awaited, so that a server that never answers `initialize` cannot hold up a restart
        // queued behind this start.
        client.start().catch((error) => (client === this.client ? this.reportStartFailure(error) : undefined));
    }

    private clientOptions(): LanguageClientOptions {
        return {
            documentSelector: [
                { scheme: 'file', language: 'python' },
                { scheme: 'untitled', language: 'python' },
                // The Python cells of notebooks (any notebook type): the server syncs them as
                // notebooks (notebookDocument/*), and hovers and quick fixes reach them.
                { notebook: '*', language: 'python' },
            ],
            diagnosticCollectionName: SECTION,
            outputChannel: this.output,
            revealOutputChannelOn: RevealOutputChannelOn.Never,
            initializationOptions: () => this.serverSettings(),
            connectionOptions: { maxRestartCount: 0 },
            initializationFailedHandler: (error) => {
                this.output.error(`The server failed to initialize: ${error instanceof Error ? error.message : String(error)}`);
                return false;
            },
            errorHandler: {
                error: (error, _message, count) => {
                    this.output.warn(`Connection to the server: ${error.message}`);
                    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
                },
                closed: async () => this.onClosed(),
            },
            middleware: {
                workspace: {
                    configuration: async (params, token, next) => {
                        const others = params.items.some((item) => item.section !== SECTION);
                        const answer = others ? await next(params, token) : [];
                        if (!Array.isArray(answer)) {
                            return answer;
                        }
                        return params.items.map((item, index) =>
                            item.section === SECTION ? this.serverSettings(item.scopeUri) : answer[index] ?? null,
                        );
                    },
                    didChangeConfiguration: async (sections, next) => {
                        if (sections?.includes(SECTION) && this.client) {
                            await this.client.sendNotification(DidChangeConfigurationNotification.type, {
                                settings: { [SECTION]: this.serverSettings() },
                            });
                            return;
                        }
                        await next(sections);
                    },
                },
            },
        };
    }

    private spawnServer(command: ServerCommand, cwd: string, context: LaunchContext): Promise<StreamInfo> {
        const server = new ServerProcess(context);
        this.process = server;
        return new Promise<StreamInfo>((resolve, reject) => {
            const child = spawn(command.command, command.args, {
                cwd,
                env: { ...process.env, ...command.env },
                stdio: ['pipe', 'pipe', 'pipe'],
                windowsHide: true,
            });
            child.once('error', (error: NodeJS.ErrnoException) => {
                if (server.exit === undefined) {
                    server.spawnError = error;
                    server.markExited(null, null);
                    // Reported here, as the library's own restarts end up here too.
                    this.fail(describeSpawnError(error, context), server);
                    reject(error);
                }
            });
            child.once('spawn', () => {
                this.output.info(`Server process ${child.pid} started.`);
                // A server that dies at once makes writes to its stdin fail (EPIPE), and the library
                // leaves some of those rejections unhandled. Writing through a pass-through stream
                // keeps them here; the end of stdout tells the library that the server is gone.
                const input = new PassThrough();
                input.pipe(child.stdin);
                child.stdin.on('error', (error) => this.output.warn(`Writing to the server: ${error.message}`));
                resolve({ reader: child.stdout, writer: input, detached: false });
            });
            child.stderr.setEncoding('utf8');
            child.stderr.on('data', (chunk: string) => {
                server.appendStderr(chunk);
                for (const line of chunk.split(/\r?\n/)) {
                    if (line.trim()) {
                        this.output.info(`[server] ${line}`);
                    }
                }
            });
            child.once('exit', (code, signal) => {
                this.output.info(`Server process ${child.pid} exited (${signal ? `signal ${signal}` : `code ${code}`}).`);
                server.markExited(code, signal);
            });
            server.kill = () => child.kill();
        });
    }

    /** The connection closed without a stop from this side: the server exited. */
    private async onClosed(): Promise<{ action: CloseAction; handled: boolean }> {
        const server = this.process;
        if (!server) {
            return { action: CloseAction.DoNotRestart, handled: true };
        }
        await server.waitForExit(3000);
        if (server.wasRunning) {
            const now = Date.now();
            this.crashes.push(now);
            if (shouldRestart(this.crashes, now, true)) {
                this.output.warn('The server stopped unexpectedly; restarting it once.');
                this.status.set('starting');
                return { action: CloseAction.Restart, handled: true };
            }
        }
        this.fail(describeExit({ ...server.exit ?? { code: null, signal: null }, stderr: server.stderr, wasRunning: server.wasRunning }, server.context), server);
        return { action: CloseAction.DoNotRestart, handled: true };
    }

    private async reportStartFailure(error: unknown): Promise<void> {
        const server = this.process;
        if (server?.spawnError) {
            this.fail(describeSpawnError(server.spawnError, server.context), server);
        } else if (server && (await server.waitForExit(3000))) {
            this.fail(describeExit({ ...server.exit!, stderr: server.stderr, wasRunning: false }, server.context), server);
        } else {
            this.fail(describeInitializeError(error), server);
        }
    }

    /** One notification per failure (per server process), details in the output. */
    private fail(failure: Failure, server?: ServerProcess): void {
        if (server?.reported) {
            return;
        }
        if (server) {
            server.reported = true;
        }
        this.output.error(failure.message);
        this.status.set('failed', failure.message);
        const actions = failure.actions.filter((action) => action !== 'Select Interpreter' || isPythonExtensionInstalled());
        void vscode.window.showErrorMessage(failure.message, ...actions).then((choice) => this.act(choice));
    }

    private async act(action: FailureAction | undefined): Promise<void> {
        switch (action) {
            case 'Show Output':
                this.output.show(true);
                break;
            case 'Open Settings':
                await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:mp-lsp.mp-lsp');
                break;
            case 'Select Interpreter':
                await vscode.commands.executeCommand('python.setInterpreter');
                break;
            case 'Restart Server':
                await this.restart('asked from the notification');
                break;
        }
    }

    stop(): Promise<void> {
        return this.enqueue(() => this.stopNow());
    }

    private async stopNow(): Promise<void> {
        const client = this.client;
        const server = this.process;
        this.client = undefined;
        this.process = undefined;
        if (client) {
            try {
                if (client.needsStop()) {
                    await client.stop(2000);
                }
            } catch (error) {
                this.output.warn(`Stopping the server: ${error instanceof Error ? error.message : String(error)}`);
            }
            await client.dispose().catch(() => undefined);
        }
        if (server && !(await server.waitForExit(2000))) {
            this.output.warn('The server did not exit; killing it.');
            server.kill?.();
        }
        this.status.set('stopped');
    }

    async dispose(): Promise<void> {
        this.disposed = true;
        await this.stop();
    }
}

function describeKind(kind: ServerCommand['kind']): string {
    switch (kind) {
        case 'bundled':
            return 'bundled server';
        case 'environment':
            return "server from the interpreter's environment";
        case 'executable':
            return 'mp-lsp executable from mp-lsp.path';
    }
}

function isFile(path: string): boolean {
    try {
        return fs.statSync(path).isFile();
    } catch {
        return false;
    }
}

function isDirectory(path: string): boolean {
    try {
        return fs.statSync(path).isDirectory();
    } catch {
        return false;
    }
}

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('mp-lsp', { log: true });
    const status = new StatusItem(SHOW_OUTPUT);
    controller = new ServerController(context.extensionPath, output, status);
    const current = controller;
    context.subscriptions.push(
        output,
        status,
        { dispose: () => void current.dispose() },
        vscode.commands.registerCommand(SHOW_OUTPUT, () => output.show(true)),
        vscode.commands.registerCommand(RESTART, () => current.restart('mp-lsp: Restart Server')),
        vscode.workspace.onDidChangeConfiguration((event) => {
            const affects = (setting: string) => event.affectsConfiguration(setting);
            if (affectsSection(affects) && needsRestart(affects)) {
                void current.restart('a setting that chooses the server changed');
            }
        }),
        vscode.workspace.onDidGrantWorkspaceTrust(() => void current.restart('the workspace is now trusted')),
    );
    const interpreterListener = await onDidChangeInterpreter(() => {
        const interpreter = vscode.workspace.getConfiguration(SECTION).get<string>('interpreter');
        if (!interpreter) {
            void current.restart("the Python extension's selected interpreter changed");
        }
    }, output);
    if (interpreterListener) {
        context.subscriptions.push(interpreterListener);
    }
    // Not awaited: activation need not wait for the server (the status bar item tells).
    void current.start();
}

export async function deactivate(): Promise<void> {
    await controller?.dispose();
    controller = undefined;
}
