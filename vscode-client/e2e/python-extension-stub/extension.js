// A stand-in for the Python extension (ms-python.python), which cannot be installed here: the
// part of its API mp-lsp uses (`exports.environments`), answering with the interpreters listed
// in interpreters.json (written by e2e/run.mjs). A command selects the next one and fires
// onDidChangeActiveEnvironmentPath, as selecting an interpreter does.
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

exports.activate = function activate(context) {
    const interpreters = JSON.parse(fs.readFileSync(path.join(__dirname, 'interpreters.json'), 'utf8'));
    let current = 0;
    const changed = new vscode.EventEmitter();
    const environmentPath = () => ({ id: interpreters[current], path: interpreters[current] });
    context.subscriptions.push(
        changed,
        vscode.commands.registerCommand('mpLspE2e.selectNextInterpreter', () => {
            current = (current + 1) % interpreters.length;
            changed.fire({ ...environmentPath(), resource: undefined });
        }),
    );
    return {
        environments: {
            getActiveEnvironmentPath: () => environmentPath(),
            resolveEnvironment: async (environment) => {
                const executable = typeof environment === 'string' ? environment : environment.path;
                return { id: executable, path: executable, executable: { uri: vscode.Uri.file(executable) } };
            },
            onDidChangeActiveEnvironmentPath: changed.event,
        },
    };
};
