import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseInterpreter, expandVariables, findOnPath, InterpreterInputs, pythonInDirectory } from '../src/common/interpreter';

/** A fake file system: the listed files exist, and every folder above them. */
function fakeFs(files: string[]) {
    const directories = new Set<string>();
    for (const file of files) {
        const parts = file.split(/[\\/]/);
        for (let i = 1; i < parts.length; i++) {
            directories.add(parts.slice(0, i).join(file.includes('\\') ? '\\' : '/'));
        }
    }
    return { isFile: (path: string) => files.includes(path), isDirectory: (path: string) => directories.has(path) };
}

function inputs(overrides: Partial<InterpreterInputs>, files: string[] = []): InterpreterInputs {
    return {
        setting: '',
        trusted: true,
        workspaceFolder: '/ws',
        home: '/home/me',
        env: { PATH: '/usr/local/bin:/usr/bin' },
        platform: 'linux',
        fs: fakeFs(files),
        ...overrides,
    };
}

test('the setting comes first', () => {
    const choice = chooseInterpreter(inputs({ setting: '/opt/py/bin/python3.12', pythonExtension: '/ws/.venv/bin/python' }, ['/opt/py/bin/python3.12', '/ws/.venv/bin/python', '/usr/bin/python3']));
    assert.deepEqual(choice, { kind: 'found', path: '/opt/py/bin/python3.12', source: 'setting' });
});

test('the setting may name an environment folder, with variables', () => {
    const choice = chooseInterpreter(inputs({ setting: '${workspaceFolder}/.venv' }, ['/ws/.venv/bin/python']));
    assert.deepEqual(choice, { kind: 'found', path: '/ws/.venv/bin/python', source: 'setting' });
});

test('the setting may be a bare name looked up on PATH', () => {
    const choice = chooseInterpreter(inputs({ setting: 'python3.12' }, ['/usr/bin/python3.12']));
    assert.deepEqual(choice, { kind: 'found', path: '/usr/bin/python3.12', source: 'setting' });
});

test('a setting that names nothing is an error, not a silent fallback', () => {
    const choice = chooseInterpreter(inputs({ setting: '~/nowhere/python' }, ['/usr/bin/python3']));
    assert.deepEqual(choice, { kind: 'settingMissing', setting: '~/nowhere/python', resolved: '/home/me/nowhere/python' });
    const folder = chooseInterpreter(inputs({ setting: '/ws/empty-env' }, ['/ws/empty-env/README']));
    assert.equal(folder.kind, 'settingMissing');
});

test("then the Python extension's selection", () => {
    const choice = chooseInterpreter(inputs({ pythonExtension: '/ws/.venv/bin/python' }, ['/ws/.venv/bin/python', '/usr/bin/python3']));
    assert.deepEqual(choice, { kind: 'found', path: '/ws/.venv/bin/python', source: 'pythonExtension' });
});

test("an untrusted workspace does not run the Python extension's selection", () => {
    const choice = chooseInterpreter(inputs({ pythonExtension: '/ws/.venv/bin/python', trusted: false }, ['/ws/.venv/bin/python', '/usr/bin/python3']));
    assert.deepEqual(choice, { kind: 'found', path: '/usr/bin/python3', source: 'path' });
});

test('a selection that does not exist falls back to PATH', () => {
    const choice = chooseInterpreter(inputs({ pythonExtension: '/gone/bin/python' }, ['/usr/bin/python3']));
    assert.deepEqual(choice, { kind: 'found', path: '/usr/bin/python3', source: 'path' });
});

test('then python3, then python, in PATH order', () => {
    assert.deepEqual(chooseInterpreter(inputs({}, ['/usr/bin/python3', '/usr/local/bin/python3'])), { kind: 'found', path: '/usr/local/bin/python3', source: 'path' });
    assert.deepEqual(chooseInterpreter(inputs({}, ['/usr/local/bin/python', '/usr/bin/python3'])), { kind: 'found', path: '/usr/bin/python3', source: 'path' });
    assert.deepEqual(chooseInterpreter(inputs({}, ['/usr/local/bin/python'])), { kind: 'found', path: '/usr/local/bin/python', source: 'path' });
});

test('no Python at all', () => {
    assert.deepEqual(chooseInterpreter(inputs({}, [])), { kind: 'none', searched: ['python3', 'python'] });
    assert.deepEqual(chooseInterpreter(inputs({ env: {} }, ['/usr/bin/python3'])), { kind: 'none', searched: ['python3', 'python'] });
});

test('Windows: PATHEXT, Scripts folders and backslashes', () => {
    const env = { Path: 'C:\\Python312;C:\\Windows', PATHEXT: '.COM;.EXE' };
    const files = ['C:\\Python312\\python.EXE', 'C:\\ws\\.venv\\Scripts\\python.exe'];
    assert.equal(findOnPath(['python'], env, 'win32', fakeFs(files)), 'C:\\Python312\\python.EXE');
    assert.equal(pythonInDirectory('C:\\ws\\.venv', 'win32', fakeFs(files)), 'C:\\ws\\.venv\\Scripts\\python.exe');
    const choice = chooseInterpreter({ ...inputs({}, files), env, platform: 'win32', setting: 'C:\\ws\\.venv' });
    assert.deepEqual(choice, { kind: 'found', path: 'C:\\ws\\.venv\\Scripts\\python.exe', source: 'setting' });
});

test('variables', () => {
    const context = { workspaceFolder: '/ws', home: '/home/me', env: { CONDA_PREFIX: '/conda' } };
    assert.equal(expandVariables('${workspaceFolder}/.venv/bin/python', context), '/ws/.venv/bin/python');
    assert.equal(expandVariables('~/.venvs/a/bin/python', context), '/home/me/.venvs/a/bin/python');
    assert.equal(expandVariables('${userHome}/x', context), '/home/me/x');
    assert.equal(expandVariables('${env:CONDA_PREFIX}/bin/python', context), '/conda/bin/python');
    assert.equal(expandVariables('${env:MISSING}/python', context), '/python');
    assert.equal(expandVariables('${workspaceFolder}/x', { ...context, workspaceFolder: undefined }), '${workspaceFolder}/x');
    assert.equal(expandVariables('/a~b', context), '/a~b');
});
