"""The server's own JSON-RPC messages (``mp-lsp/...``), typed like lsprotocol's.

Typing them means their parameters are validated like any LSP request's: a malformed one is
answered with ``InvalidParams`` instead of reaching a handler. The converter pygls uses renames
attributes to camelCase for every attrs class, so these read and write as LSP messages do.
"""

from __future__ import annotations

from typing import Any, Optional, Union

import attrs
from lsprotocol import types

#: Returns the server's copy of an open document: lets tests (and a curious user) check that
#: the server's text matches the editor's after incremental edits.
DOCUMENT_TEXT = "mp-lsp/documentText"


@attrs.define
class DocumentTextParams:
    text_document: types.TextDocumentIdentifier
    #: Only the text in this range (in the negotiated position encoding); all of it if absent.
    range: Optional[types.Range] = None


@attrs.define
class DocumentTextResult:
    uri: str
    version: int
    text: str


@attrs.define
class DocumentTextRequest:
    id: Union[int, str]
    params: DocumentTextParams
    method: str = DOCUMENT_TEXT
    jsonrpc: str = "2.0"


CUSTOM_MESSAGE_TYPES: dict[str, type[Any]] = {DOCUMENT_TEXT: DocumentTextRequest}
