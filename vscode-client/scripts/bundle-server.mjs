#!/usr/bin/env node
// Install the mp-lsp server and its dependencies into bundled/libs, for the .vsix.
//
//   node scripts/bundle-server.mjs [--force]
//
// The project (the repository root, `..`) is built into a wheel; `pip download` resolves it and
// its dependencies for the oldest Python the server supports (3.9: `--python-version`, which
// also keeps releases that need a newer Python out), and `pip install --target bundled/libs`
// installs the wheels. pip evaluates environment markers for the Python running it, so the
// dependencies only older Pythons need (tomli, exceptiongroup...) are added afterwards
// (scripts/missing_requirements.py). The bundle then runs on any Python from 3.9 on, whichever
// Python built it. Everything is pure Python (`--only-binary` and a check below make sure).
//
// Python: $MP_LSP_BUNDLE_PYTHON, else python3 (python on Windows). pip reaches the package
// index as usual. The result is skipped when bundled/libs/.stamp matches the project's files.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const clientDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const projectDir = resolve(clientDir, '..');
const libsDir = join(clientDir, 'bundled', 'libs');
const stampFile = join(libsDir, '.stamp');
const oldestPython = '3.9';
const python = process.env.MP_LSP_BUNDLE_PYTHON || (process.platform === 'win32' ? 'python' : 'python3');

function run(command, args) {
    console.log(`$ ${command} ${args.join(' ')}`);
    const result = spawnSync(command, args, { stdio: 'inherit' });
    if (result.error) {
        throw result.error;
    }
    if (result.status !== 0) {
        console.error(`bundle-server: ${command} exited with ${result.status}`);
        process.exit(1);
    }
}

function capture(command, args) {
    const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (result.error || result.status !== 0) {
        throw result.error ?? new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
    }
    return result.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
}

/** A hash of what goes into the wheel: pyproject.toml and the mp_lsp package's sources. */
function projectHash() {
    const hash = createHash('sha256');
    hash.update(oldestPython);
    hash.update(readFileSync(join(clientDir, 'scripts', 'missing_requirements.py')));
    const visit = (path) => {
        for (const name of readdirSync(path).sort()) {
            const child = join(path, name);
            if (name === '__pycache__') {
                continue;
            }
            if (statSync(child).isDirectory()) {
                visit(child);
            } else if (name.endsWith('.py') || name.endsWith('.typed')) {
                hash.update(relative(projectDir, child));
                hash.update(readFileSync(child));
            }
        }
    };
    hash.update(readFileSync(join(projectDir, 'pyproject.toml')));
    visit(join(projectDir, 'mp_lsp'));
    return hash.digest('hex');
}

const stamp = projectHash();
if (!process.argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp) {
    console.log(`bundle-server: ${relative(clientDir, libsDir)} is up to date`);
    process.exit(0);
}

const workDir = mkdtempSync(join(tmpdir(), 'mp-lsp-bundle-'));
const pick = ['--python-version', oldestPython, '--implementation', 'py', '--only-binary', ':all:'];
const quiet = ['--quiet', '--disable-pip-version-check'];
try {
    const wheelDir = join(workDir, 'project');
    run(python, ['-m', 'pip', 'wheel', ...quiet, '--no-deps', '--wheel-dir', wheelDir, projectDir]);
    const wheels = readdirSync(wheelDir).filter((name) => name.endsWith('.whl'));
    if (wheels.length !== 1) {
        throw new Error(`expected one wheel in ${wheelDir}, found ${wheels.join(', ') || 'none'}`);
    }
    // `pip download` honours Requires-Python for --python-version when it picks versions
    // (`pip install --target` with the same options was seen to pick releases needing 3.10).
    let requirements = [join(wheelDir, wheels[0])];
    rmSync(libsDir, { recursive: true, force: true });
    for (let round = 0; requirements.length > 0; round++) {
        if (round === 5) {
            throw new Error(`bundle-server: requirements still missing: ${requirements.join(', ')}`);
        }
        const downloads = join(workDir, `round-${round}`);
        run(python, ['-m', 'pip', 'download', ...quiet, ...pick, '--dest', downloads, ...requirements]);
        const files = readdirSync(downloads).filter((name) => name.endsWith('.whl')).map((name) => join(downloads, name));
        run(python, ['-m', 'pip', 'install', ...quiet, '--no-index', '--no-deps', '--no-compile', '--upgrade', '--target', libsDir, ...files]);
        // pip evaluated environment markers for the Python running it: add what 3.9 needs besides.
        requirements = capture(python, [join(clientDir, 'scripts', 'missing_requirements.py'), libsDir, oldestPython]);
    }
} finally {
    rmSync(workDir, { recursive: true, force: true });
}

// Console scripts point at the Python that built them: of no use inside the extension.
rmSync(join(libsDir, 'bin'), { recursive: true, force: true });
const binaries = [];
const findBinaries = (path) => {
    for (const name of readdirSync(path)) {
        const child = join(path, name);
        if (statSync(child).isDirectory()) {
            findBinaries(child);
        } else if (/\.(so|pyd|dylib|dll)$/.test(name)) {
            binaries.push(relative(libsDir, child));
        }
    }
};
findBinaries(libsDir);
if (binaries.length > 0) {
    console.error(`bundle-server: platform-specific files would tie the .vsix to one platform: ${binaries.join(', ')}`);
    process.exit(1);
}
writeFileSync(stampFile, stamp + '\n');
const packages = readdirSync(libsDir).filter((name) => name.endsWith('.dist-info')).map((name) => name.replace(/\.dist-info$/, ''));
console.log(`bundle-server: ${relative(clientDir, libsDir)}: ${packages.sort().join(', ')}`);
