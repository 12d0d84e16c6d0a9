// The Python launcher (bundled/tool/lsp_server.py) and the command line built for it, run for
// real with the Pythons this machine has. Tests needing something absent are skipped.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { buildServerCommand } from '../src/common/command';
import { describeExit, EXIT_BUNDLED_LIBS_MISSING, EXIT_NOT_IN_ENVIRONMENT, EXIT_PYTHON_TOO_OLD } from '../src/common/failure';
import { findOnPath } from '../src/common/interpreter';

// out/test/*.js -> the package folder
const extensionPath = resolve(__dirname, '..', '..');
const launcher = join(extensionPath, 'bundled', 'tool', 'lsp_server.py');
const isFile = (path: string) => {
    try {
        return statSync(path).isFile();
    } catch {
        return false;
    }
};
const fs = { isFile, isDirectory: () => false };
const python3 = findOnPath(['python3', 'python'], process.env, process.platform, fs);
const bundled = existsSync(join(extensionPath, 'bundled', 'libs', 'mp_lsp'));

/** A Python older than 3.9, if this machine has one (pyenv keeps several). */
function oldPython(): string | undefined {
    const root = process.env.PYENV_ROOT ?? join(process.env.HOME ?? '', '.pyenv');
    const candidates: string[] = [];
    for (const version of ['3.8', '3.7', '3.6', '2.7']) {
        const listed = spawnSync('sh', ['-c', `ls -d "${root}"/versions/${version}.*/bin/python 2>/dev/null`], { encoding: 'utf8' });
        candidates.push(...(listed.stdout ?? '').split('\n').filter(Boolean));
        const onPath = findOnPath([`python${version}`], process.env, process.platform, fs);
        if (onPath) {
            candidates.push(onPath);
        }
    }
    // A pyenv shim may exist for a version it will not run: ask each candidate its version.
    return candidates.find((candidate) => {
        const result = spawnSync(candidate, ['-c', "import sys; sys.stdout.write('%d.%d' % sys.version_info[:2])"], { encoding: 'utf8' });
        const [major, minor] = (result.stdout ?? '').split('.').map(Number);
        return result.status === 0 && (major < 3 || (major === 3 && minor < 9));
    });
}

function run(python: string, script: string, env: Record<string, string> = {}, args: string[] = []) {
    return spawnSync(python, [script, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60000 });
}

test('missing bundled libraries: exit 4 and a message', { skip: !python3 && 'no python3 on PATH' }, () => {
    const folder = mkdtempSync(join(tmpdir(), 'mp-lsp-launcher-'));
    try {
        cpSync(join(extensionPath, 'bundled', 'tool'), join(folder, 'bundled', 'tool'), { recursive: true });
        const result = run(python3!, join(folder, 'bundled', 'tool', 'lsp_server.py'));
        assert.equal(result.status, EXIT_BUNDLED_LIBS_MISSING, result.stderr);
        assert.match(result.stderr, /^mp-lsp: the bundled libraries are missing: .*bundled[\\/]libs has no mp_lsp package/m);
        assert.equal(describeExit({ code: result.status, signal: null, stderr: result.stderr, wasRunning: false }, { kind: 'bundled', command: python3! }).kind, 'bundledLibsMissing');
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
});

const old = oldPython();
test('a Python older than 3.9: exit 3 and a message', { skip: !old && 'no Python older than 3.9 here' }, () => {
    const result = run(old!, launcher);
    assert.equal(result.status, EXIT_PYTHON_TOO_OLD, result.stderr);
    assert.match(result.stderr, /^mp-lsp: Python [23]\.\d+\.\d+ at .* is too old to run the language server; it needs Python 3\.9 or newer/m);
});

const hasMpLsp = python3 ? spawnSync(python3, ['-c', 'import mp_lsp'], { encoding: 'utf8' }).status === 0 : true;
test('fromEnvironment without mp-lsp installed: exit 5 and a message', { skip: hasMpLsp && 'python3 has mp_lsp installed (or no python3)' }, () => {
    const result = run(python3!, launcher, { MP_LSP_IMPORT_STRATEGY: 'fromEnvironment' });
    assert.equal(result.status, EXIT_NOT_IN_ENVIRONMENT, result.stderr);
    assert.match(result.stderr, /mp-lsp is not installed in the environment of .*useBundled/);
});

test('--check: the bundled libraries come first', { skip: (!python3 || !bundled) && 'no bundled/libs (npm run bundle) or no python3' }, () => {
    const result = run(python3!, launcher, {}, ['--check']);
    assert.equal(result.status, 0, result.stderr);
    const described = JSON.parse(result.stdout);
    assert.equal(described.importStrategy, 'useBundled');
    assert.equal(resolve(described.mpLspLocation), join(extensionPath, 'bundled', 'libs', 'mp_lsp'));
});

test('the built command starts a server that answers initialize', { skip: (!python3 || !bundled) && 'no bundled/libs (npm run bundle) or no python3', timeout: 60000 }, async () => {
    const command = buildServerCommand({
        extensionPath,
        importStrategy: 'useBundled',
        executable: '',
        python: python3,
        clientProcessId: process.pid,
        trusted: true,
        platform: process.platform,
    });
    const child = spawn(command.command, command.args, { env: { ...process.env, ...command.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const send = (message: object) => {
        const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
        child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
        child.stdin.write(body);
    };
    const response = await new Promise<{ id: number; result: { capabilities: Record<string, unknown>; serverInfo?: { name: string } } }>((resolvePromise, reject) => {
        let buffer = Buffer.alloc(0);
        child.stdout.on('data', (chunk: Buffer) => {
            buffer = Buffer.concat([buffer, chunk]);
            for (;;) {
                const headerEnd = buffer.indexOf('\r\n\r\n');
                if (headerEnd < 0) {
                    return;
                }
                const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
                if (buffer.length < headerEnd + 4 + length) {
                    return;
                }
                const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
                buffer = buffer.subarray(headerEnd + 4 + length);
                if (message.id === 1) {
                    resolvePromise(message);
                }
            }
        });
        child.once('exit', (code) => reject(new Error(`server exited (${code}) before answering: ${stderr}`)));
        send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { startMethod: null, select: null, ignore: null, exclude: null, severity: null, interpreter: null } } });
    });
    assert.ok(response.result.capabilities.hoverProvider, JSON.stringify(response.result.capabilities));
    assert.ok(response.result.capabilities.codeActionProvider);
    send({ id: 2, method: 'shutdown' });
    send({ method: 'exit' });
    const code = await new Promise((resolveExit) => child.once('exit', resolveExit));
    assert.equal(code, 0, stderr);
});
