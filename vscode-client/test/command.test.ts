import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildServerCommand, formatCommand, LaunchInputs, launchKind } from '../src/common/command';

const base: LaunchInputs = {
    extensionPath: '/ext/mp-lsp',
    importStrategy: 'useBundled',
    executable: '',
    python: '/usr/bin/python3',
    clientProcessId: 4242,
    trusted: true,
    platform: 'linux',
};

test('bundled: the launcher, run by the chosen Python', () => {
    assert.deepEqual(buildServerCommand(base), {
        kind: 'bundled',
        command: '/usr/bin/python3',
        args: ['/ext/mp-lsp/bundled/tool/lsp_server.py', '--stdio', '--clientProcessId', '4242'],
        env: { MP_LSP_IMPORT_STRATEGY: 'useBundled', PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' },
    });
});

test('fromEnvironment: the same launcher, told not to use the bundled libraries', () => {
    const command = buildServerCommand({ ...base, importStrategy: 'fromEnvironment' });
    assert.equal(command.kind, 'environment');
    assert.equal(command.command, '/usr/bin/python3');
    assert.equal(command.env.MP_LSP_IMPORT_STRATEGY, 'fromEnvironment');
});

test('mp-lsp.path: the executable, with serve', () => {
    assert.deepEqual(buildServerCommand({ ...base, executable: '/home/me/.local/bin/mp-lsp', python: undefined }), {
        kind: 'executable',
        command: '/home/me/.local/bin/mp-lsp',
        args: ['serve', '--stdio', '--clientProcessId', '4242'],
        env: {},
    });
});

test('an untrusted workspace runs the bundled server whatever the settings say', () => {
    assert.equal(launchKind({ importStrategy: 'fromEnvironment', executable: '/ws/evil', trusted: false }), 'bundled');
    assert.equal(buildServerCommand({ ...base, executable: '/ws/evil', importStrategy: 'fromEnvironment', trusted: false }).command, '/usr/bin/python3');
    assert.equal(launchKind({ importStrategy: 'fromEnvironment', executable: '', trusted: true }), 'environment');
    assert.equal(launchKind({ importStrategy: 'useBundled', executable: '/x', trusted: true }), 'executable');
});

test('no client process id: no flag', () => {
    assert.deepEqual(buildServerCommand({ ...base, clientProcessId: undefined }).args, ['/ext/mp-lsp/bundled/tool/lsp_server.py', '--stdio']);
});

test('Windows paths', () => {
    const command = buildServerCommand({ ...base, extensionPath: 'C:\\ext\\mp-lsp', python: 'C:\\Python312\\python.exe', platform: 'win32' });
    assert.equal(command.args[0], 'C:\\ext\\mp-lsp\\bundled\\tool\\lsp_server.py');
});

test('a Python is needed unless an executable is given', () => {
    assert.throws(() => buildServerCommand({ ...base, python: undefined }), /Python interpreter is needed/);
});

test('the command line as logged', () => {
    const command = buildServerCommand({ ...base, python: '/opt/my python/bin/python', clientProcessId: undefined });
    assert.equal(
        formatCommand(command),
        "MP_LSP_IMPORT_STRATEGY=useBundled PYTHONUNBUFFERED=1 PYTHONIOENCODING=utf-8 '/opt/my python/bin/python' /ext/mp-lsp/bundled/tool/lsp_server.py --stdio",
    );
});
