import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnset, needsRestart, readClientSettings, toServerSettings } from '../src/common/settings';

const getter = (values: Record<string, unknown>) => (key: string) => values[key];

test('client settings: defaults when nothing is set', () => {
    assert.deepEqual(readClientSettings(getter({})), {
        enable: true,
        interpreter: '',
        path: '',
        importStrategy: 'useBundled',
    });
});

test('client settings: values are read and trimmed; unknown strategies mean bundled', () => {
    assert.deepEqual(
        readClientSettings(getter({ enable: false, interpreter: ' /usr/bin/python3 ', path: '~/bin/mp-lsp', importStrategy: 'fromEnvironment' })),
        { enable: false, interpreter: '/usr/bin/python3', path: '~/bin/mp-lsp', importStrategy: 'fromEnvironment' },
    );
    assert.equal(readClientSettings(getter({ importStrategy: 'sideways', interpreter: 42 })).importStrategy, 'useBundled');
    assert.equal(readClientSettings(getter({ interpreter: 42 })).interpreter, '');
});

test('server settings: untouched settings are sent as null (pyproject.toml decides)', () => {
    const sent = toServerSettings(getter({ startMethod: '', select: [], ignore: [], exclude: [], severity: {}, targetVersion: '', platforms: [], enable: true }), undefined);
    assert.deepEqual(sent, {
        startMethod: null, select: null, ignore: null, exclude: null, severity: null, targetVersion: null, platforms: null,
        interpreter: null,
    });
});

test('server settings: values pass through, with the chosen interpreter', () => {
    const values = {
        startMethod: 'spawn',
        select: ['MP'],
        ignore: ['MP008'],
        exclude: ['build/**'],
        severity: { MP008: 'information' },
        targetVersion: 'py314',
        platforms: ['linux', 'darwin'],
        interpreter: '/ignored/setting',
    };
    assert.deepEqual(toServerSettings(getter(values), '/work/.venv/bin/python'), {
        startMethod: 'spawn',
        select: ['MP'],
        ignore: ['MP008'],
        exclude: ['build/**'],
        severity: { MP008: 'information' },
        targetVersion: 'py314',
        platforms: ['linux', 'darwin'],
        interpreter: '/work/.venv/bin/python',
    });
});

test('server settings: client-only keys are never sent (the server reports unknown keys)', () => {
    const sent = toServerSettings(getter({ enable: false, path: '/x', importStrategy: 'fromEnvironment', trace: { server: 'verbose' } }), '/p');
    assert.deepEqual(Object.keys(sent).sort(), [
        'exclude', 'ignore', 'interpreter', 'platforms', 'select', 'severity', 'startMethod', 'targetVersion',
    ]);
});

test('server settings: wrong values are passed on for the server to report', () => {
    const sent = toServerSettings(getter({ startMethod: 'thread', select: 'MP001' }), undefined);
    assert.equal(sent.startMethod, 'thread');
    assert.equal(sent.select, 'MP001');
});

test('server settings: values are plain copies', () => {
    const severity = { MP001: 'hint' };
    const sent = toServerSettings(getter({ severity }), undefined);
    assert.notEqual(sent.severity, severity);
    assert.deepEqual(sent.severity, severity);
});

test('isUnset', () => {
    for (const value of [undefined, null, '', [], {}]) {
        assert.equal(isUnset(value), true, JSON.stringify(value));
    }
    for (const value of ['spawn', ['MP'], { MP001: 'hint' }, false, 0]) {
        assert.equal(isUnset(value), false, JSON.stringify(value));
    }
});

test('restart only for the settings that choose the server', () => {
    const changed = (...settings: string[]) => (setting: string) => settings.some((name) => name === setting || name.startsWith(setting + '.'));
    assert.equal(needsRestart(changed('mp-lsp.interpreter')), true);
    assert.equal(needsRestart(changed('mp-lsp.path')), true);
    assert.equal(needsRestart(changed('mp-lsp.importStrategy')), true);
    assert.equal(needsRestart(changed('mp-lsp.enable')), true);
    assert.equal(needsRestart(changed('mp-lsp.ignore')), false);
    assert.equal(needsRestart(changed('mp-lsp.severity')), false);
    assert.equal(needsRestart(changed('mp-lsp.trace.server')), false);
    assert.equal(needsRestart(changed('python.defaultInterpreterPath')), false);
});
