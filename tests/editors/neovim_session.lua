-- One editing session of a headless Neovim against `mp-lsp serve`, driven by
-- tests/editors/test_neovim.py. Uses only the LSP API of Neovim 0.7 (vim.lsp.start_client,
-- vim.lsp.buf_attach_client), which later versions still have.
--
-- Reads its parameters from the JSON file named by $MP_LSP_E2E_CONFIG:
--   cmd, root, file, settings, hover_position {line, character}, timeout_ms, report
-- and writes what it saw to `report` (JSON), then quits, also when a step fails: the error and
-- its traceback go into the report, so that a failure never leaves Neovim waiting for input.

local config = vim.json.decode(table.concat(vim.fn.readfile(vim.env.MP_LSP_E2E_CONFIG), '\n'))
local timeout = config.timeout_ms
local report = { steps = {}, notifications = {} }

local function step(name)
  table.insert(report.steps, name)
end

-- Messages Neovim would show the user (e.g. from the LSP client) are kept for the report.
vim.notify = function(message, level)
  table.insert(report.notifications, { message = tostring(message), level = level })
end

-- Wait for `condition`, failing at once if the server exits meanwhile.
local function wait_for(what, condition)
  local met = false
  vim.wait(timeout, function()
    met = condition()
    return met or report.server_exit ~= nil
  end, 20)
  if met then
    return
  end
  if report.server_exit ~= nil then
    error(string.format('the server exited (code %s) while Neovim waited for %s',
      tostring(report.server_exit.code), what), 2)
  end
  error(string.format('timed out after %d ms waiting for %s', timeout, what), 2)
end

local function request(client, bufnr, method, params)
  local response, message = client.request_sync(method, params, timeout, bufnr)
  if not response then
    error(string.format('%s: no response: %s', method, tostring(message)), 2)
  end
  if response.err then
    error(string.format('%s: %s', method, vim.inspect(response.err)), 2)
  end
  return response.result
end

local function buffer_text(bufnr)
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  if vim.bo[bufnr].eol then
    text = text .. '\n'
  end
  return text
end

-- The diagnostics as the editor holds them (0-based lines, byte columns).
local function shown_diagnostics(bufnr, namespace)
  local shown = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr, { namespace = namespace })) do
    table.insert(shown, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      message = d.message,
      code = d.code,
      source = d.source,
    })
  end
  return shown
end

local function has_code(diagnostics, code)
  for _, d in ipairs(diagnostics) do
    if d.code == code then
      return true
    end
  end
  return false
end

-- The server's preferred quick fix, else its first quick fix, else its first action.
local function pick_action(actions)
  local first_fix
  for _, action in ipairs(actions) do
    if action.kind == 'quickfix' then
      if action.isPreferred then
        return action
      end
      first_fix = first_fix or action
    end
  end
  return first_fix or actions[1]
end

local function run()
  vim.lsp.set_log_level('debug')
  report.log_path = vim.lsp.get_log_path()
  report.nvim_version = vim.version()

  -- Every publishDiagnostics as the server sent it (LSP ranges, versions, `data`), passed on
  -- to Neovim's own handler so that vim.diagnostic sees them too.
  local published = {}
  local client_id = vim.lsp.start_client({
    name = 'mp_lsp',
    cmd = config.cmd,
    cmd_cwd = config.root,
    root_dir = config.root,
    -- `settings` answers workspace/configuration, which Neovim 0.8+ advertises; 0.7 does not,
    -- so the same table also goes in initializationOptions (docs/neovim.md does the same).
    settings = config.settings,
    init_options = config.settings,
    flags = { debounce_text_changes = 20 },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, handler_config)
        table.insert(published, result)
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, handler_config)
      end,
    },
    on_exit = function(code, signal)
      report.server_exit = { code = code, signal = signal }
    end,
  })
  assert(client_id, 'vim.lsp.start_client returned nil')
  local client = vim.lsp.get_client_by_id(client_id)
  step('started')

  vim.cmd('edit ' .. vim.fn.fnameescape(config.file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'python' -- `-u NONE`: no filetype detection
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'vim.lsp.buf_attach_client failed')
  wait_for('initialize', function()
    return client.initialized
  end)
  report.capabilities = client.server_capabilities
  report.offset_encoding = client.offset_encoding
  step('initialized')

  local uri = vim.uri_from_bufnr(bufnr)
  local namespace = vim.lsp.diagnostic.get_namespace(client_id)
  wait_for('diagnostics', function()
    return #vim.diagnostic.get(bufnr, { namespace = namespace }) > 0
  end)
  report.diagnostics = shown_diagnostics(bufnr, namespace)
  local lsp_diagnostics = published[#published].diagnostics
  report.lsp_diagnostics = lsp_diagnostics
  step('diagnostics')

  local hover = request(client, bufnr, 'textDocument/hover', {
    textDocument = { uri = uri },
    position = config.hover_position,
  })
  report.hover = hover
  step('hover')

  local provider = client.server_capabilities.codeActionProvider
  if not provider then
    step('no codeActionProvider')
    return
  end
  local target
  for _, d in ipairs(lsp_diagnostics) do
    if d.code == 'MP001' then
      target = d
    end
  end
  assert(target, 'no MP001 among the published diagnostics')
  local actions = request(client, bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = target.range,
    context = { diagnostics = { target }, triggerKind = 1 },
  }) or {}
  report.action_titles = {}
  for _, action in ipairs(actions) do
    table.insert(report.action_titles, action.title)
  end
  step('code actions')
  if #actions == 0 then
    return
  end

  local action = pick_action(actions)
  if type(action.command) ~= 'string' and not action.edit
    and type(provider) == 'table' and provider.resolveProvider then
    action = request(client, bufnr, 'codeAction/resolve', action)
  end
  report.applied_action = action.title
  local version_before = vim.lsp.util.buf_versions[bufnr]
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  end
  -- A Command, or a CodeAction's command: the server answers with workspace/applyEdit.
  local command = type(action.command) == 'string' and action or action.command
  if command then
    request(client, bufnr, 'workspace/executeCommand', {
      command = command.command,
      arguments = command.arguments,
    })
  end
  step('applied')

  -- The edit reaches the server as didChange (after the debounce); wait for the diagnostics of
  -- the buffer's new version.
  wait_for('diagnostics of the edited buffer', function()
    local version = vim.lsp.util.buf_versions[bufnr]
    local last = published[#published]
    if version == version_before or last == nil then
      return false
    end
    if last.version ~= nil then
      return last.version == version
    end
    return not has_code(last.diagnostics, 'MP001')
  end)
  report.diagnostics_after = shown_diagnostics(bufnr, namespace)
  report.lsp_diagnostics_after = published[#published].diagnostics
  report.buffer_text = buffer_text(bufnr)
  -- The server's copy of the document, to compare with the buffer: incremental sync that
  -- drifted would show here first.
  local server_document = request(client, bufnr, 'mp-lsp/documentText', {
    textDocument = { uri = uri },
  })
  report.server_text = server_document and server_document.text
  step('fixed')
end

local function finish()
  -- Stop the server the way the editor does (shutdown, then exit) and see how it ends.
  for _, client in pairs(vim.lsp.get_active_clients()) do
    client.stop()
  end
  vim.wait(5000, function()
    return report.server_exit ~= nil
  end, 20)
  vim.fn.writefile({ vim.json.encode(report) }, config.report)
  vim.cmd('qa!')
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  report.error = tostring(err)
end
local finished, finish_err = pcall(finish)
if not finished then
  io.stderr:write('finishing the session failed: ' .. tostring(finish_err) .. '\n')
  vim.cmd('cquit 3')
end
