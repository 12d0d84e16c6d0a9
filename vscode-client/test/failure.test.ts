import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
    describeExit,
    describeInitializeError,
    describeInterpreterChoice,
    describeSpawnError,
    launcherMessage,
    shouldRestart,
} from '../src/common/failure';

const bundled = { kind: 'bundled' as const, command: '/usr/bin/python3' };

test('interpreter choices that cannot run anything', () => {
    assert.equal(describeInterpreterChoice({ kind: 'found', path: '/usr/bin/python3', source: 'path' }), undefined);
    const none = describeInterpreterChoice({ kind: 'none', searched: ['python3', 'python'] })!;
    assert.equal(none.kind, 'noPython');
    assert.match(none.message, /no Python found.*python3, python.*Python 3\.9 or newer/);
    const missing = describeInterpreterChoice({ kind: 'settingMissing', setting: '~/py', resolved: '/home/me/py' })!;
    assert.equal(missing.kind, 'interpreterMissing');
    assert.match(missing.message, /"~\/py" \(\/home\/me\/py\), does not exist/);
});

test('the launcher explains a too old Python, missing libraries, a missing install', () => {
    const tooOld = describeExit({ code: 3, signal: null, stderr: 'mp-lsp: Python 3.8.18 at /x is too old to run the language server; it needs Python 3.9 or newer.\n', wasRunning: false }, bundled);
    assert.equal(tooOld.kind, 'pythonTooOld');
    assert.equal(tooOld.message, 'mp-lsp: Python 3.8.18 at /x is too old to run the language server; it needs Python 3.9 or newer.');
    assert.ok(tooOld.actions.includes('Select Interpreter'));
    const libs = describeExit({ code: 4, signal: null, stderr: 'mp-lsp: the bundled libraries are missing\n', wasRunning: false }, bundled);
    assert.equal(libs.kind, 'bundledLibsMissing');
    const environment = describeExit({ code: 5, signal: null, stderr: 'mp-lsp: mp-lsp is not installed in the environment of /v/bin/python\n', wasRunning: false }, { ...bundled, kind: 'environment' });
    assert.equal(environment.kind, 'notInEnvironment');
});

test('a crash while starting quotes the last line of stderr and is not retried', () => {
    const stderr = 'Traceback (most recent call last):\n  File "x.py", line 1\nRuntimeError: boom\n';
    const failure = describeExit({ code: 1, signal: null, stderr, wasRunning: false }, bundled);
    assert.equal(failure.kind, 'crashedOnStart');
    assert.match(failure.message, /stopped while starting \(exit code 1\): RuntimeError: boom\. See the output/);
    // Exit code 3 without the launcher's explanation is an ordinary crash.
    assert.equal(describeExit({ code: 3, signal: null, stderr: '', wasRunning: false }, bundled).kind, 'crashedOnStart');
});

test('a crash after a good start', () => {
    const failure = describeExit({ code: null, signal: 'SIGKILL', stderr: '', wasRunning: true }, bundled);
    assert.equal(failure.kind, 'crashed');
    assert.match(failure.message, /stopped unexpectedly \(killed by SIGKILL\)\./);
});

test('spawn errors', () => {
    const python = describeSpawnError({ code: 'ENOENT', message: 'spawn /nope ENOENT' }, { kind: 'bundled', command: '/nope' });
    assert.match(python.message, /cannot run Python, \/nope: it does not exist/);
    const executable = describeSpawnError({ code: 'EACCES', message: 'x' }, { kind: 'executable', command: '/home/me/mp-lsp' });
    assert.match(executable.message, /mp-lsp.path setting, \/home\/me\/mp-lsp: it is not executable\. Fix or clear mp-lsp.path/);
});

test('initialize errors', () => {
    assert.match(describeInitializeError(new Error('bad params')).message, /failed to initialize: bad params/);
});

test("the launcher's message is its last mp-lsp: line", () => {
    assert.equal(launcherMessage('noise\nmp-lsp: first\nmp-lsp: second\nmore noise'), 'second');
    assert.equal(launcherMessage('nothing here'), undefined);
});

test('crash policy: never after a failed start; once per three minutes after a good one', () => {
    assert.equal(shouldRestart([1000], 1000, false), false);
    assert.equal(shouldRestart([1000], 1000, true), true);
    assert.equal(shouldRestart([1000, 2000], 2000, true), false);
    assert.equal(shouldRestart([1000, 1000 + 4 * 60 * 1000], 1000 + 4 * 60 * 1000, true), true);
});
