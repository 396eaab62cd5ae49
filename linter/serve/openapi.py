"""The OpenAPI 3.1 description of what ``lint serve`` answers, for document systems that call it
(``GET /openapi.json``). The finding object is the JSON output's (``lint --output-format json``,
spec/output.md)."""

from __future__ import annotations

FINDING = {
    "type": "object",
    "required": ["path", "code", "name", "severity", "message", "location", "excerpt", "fix", "url"],
    "properties": {
        "path": {"type": "string", "description": "The file's name as uploaded."},
        "code": {"type": "string", "examples": ["KS001"]},
        "name": {"type": "string", "examples": ["dossier-number-format"]},
        "severity": {"type": "string", "enum": ["error", "warning", "info"]},
        "message": {"type": "string"},
        "location": {
            "type": ["object", "null"],
            "properties": {
                "story": {"type": "string", "enum": ["body", "footnote", "endnote", "comment", "header", "footer"]},
                "note": {"type": ["integer", "null"]},
                "paragraph": {"type": ["integer", "null"]},
                "line": {"type": ["integer", "null"]},
                "column": {"type": ["integer", "null"]},
                "end_column": {"type": ["integer", "null"]},
                "note_id": {"type": "string"},
                "variant": {"type": "string", "enum": ["first", "even"]},
                "text_box": {"type": "integer"},
                "frame": {"type": "integer"},
                "content_control": {"type": "string"},
            },
        },
        "excerpt": {"type": "string"},
        "fix": {
            "type": ["object", "null"],
            "properties": {
                "applicability": {"type": "string", "enum": ["safe", "unsafe", "display-only"]},
                "message": {"type": "string"},
                "replacement": {"type": ["string", "null"]},
            },
        },
        "url": {"type": "string", "description": "The rule's documentation on this server."},
    },
}

MATCH = {
    "type": "object",
    "properties": {
        "message": {"type": "string"},
        "shortMessage": {"type": "string"},
        "replacements": {"type": "array", "items": {"type": "object", "properties": {"value": {"type": "string"}}}},
        "offset": {"type": "integer", "description": "In UTF-16 code units, as LanguageTool counts."},
        "length": {"type": "integer", "description": "In UTF-16 code units."},
        "context": {"type": "object", "properties": {"text": {"type": "string"}, "offset": {"type": "integer"}, "length": {"type": "integer"}}},
        "sentence": {"type": "string"},
        "rule": {
            "type": "object",
            "properties": {
                "id": {"type": "string", "description": "The kamerlint rule code."},
                "description": {"type": "string"},
                "issueType": {"type": "string"},
                "category": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
                "urls": {"type": "array", "items": {"type": "object", "properties": {"value": {"type": "string"}}}},
            },
        },
    },
}

ERROR = {"type": "object", "properties": {"error": {"type": "string"}}}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def document(version: str) -> dict:
    errors = {
        "401": {"description": "A token is needed (the server is bound to a network address)."},
        "408": _json(ERROR, "The request body came in too slowly."),
        "413": _json(ERROR, "The request body is larger than the server accepts."),
        "503": _json(ERROR, "Too many documents are being checked; try again shortly."),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "kamerlint",
            "version": version,
            "description": "Checks drafts of Kamerbrieven: footnotes, bookmarks, references and drafting residue. "
            "Nothing sent is stored, logged or kept after the answer.",
        },
        "components": {
            "schemas": {"Finding": FINDING, "Match": MATCH, "Error": ERROR},
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "The server's --token, when it has one."},
                "basic": {"type": "http", "scheme": "basic", "description": "Any user name, the token as the password."},
            },
        },
        "security": [{}, {"bearer": []}, {"basic": []}],
        "paths": {
            "/api/lint": {
                "post": {
                    "summary": "Check one or more files",
                    "description": "Each file is read and checked as `lint FILE --output-format json` checks it, with the server's "
                    "configuration. A file that cannot be read is its IO finding (IO001–IO005), never an error answer.",
                    "parameters": [{"name": "lang", "in": "query", "required": False, "schema": {"type": "string", "enum": ["nl", "en"]},
                                    "description": "The language of the messages (default: Accept-Language, else nl)."}],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "required": ["file"],
                                    "properties": {"file": {"type": "array", "items": {"type": "string", "contentMediaType": "application/octet-stream"}}},
                                }
                            }
                        },
                    },
                    "responses": {"200": _json({"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}, "The findings, in the JSON output's shape."), "400": _json(ERROR, "No file in the request."), **errors},
                }
            },
            "/v2/check": {
                "post": {
                    "summary": "Check a paragraph (LanguageTool's API)",
                    "description": "LanguageTool's check: `text` or `data` (annotated text), `language` (nl, nl-NL or auto), "
                    "`enabledRules`, `disabledRules`, `enabledOnly`; `apiKey` may carry the token. Only rules that work on a paragraph run.",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {
                                "schema": {
                                    "type": "object",
                                    "required": ["language"],
                                    "properties": {
                                        "text": {"type": "string"},
                                        "data": {"type": "string", "description": 'JSON: {"annotation": [{"text": "…"}, {"markup": "…", "interpretAs": "…"}]}'},
                                        "language": {"type": "string", "enum": ["nl", "nl-NL", "auto"]},
                                        "enabledRules": {"type": "string"},
                                        "disabledRules": {"type": "string"},
                                        "enabledOnly": {"type": "string", "enum": ["true", "false"]},
                                        "username": {"type": "string"},
                                        "apiKey": {"type": "string"},
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": _json({"type": "object", "properties": {"software": {"type": "object"}, "language": {"type": "object"}, "matches": {"type": "array", "items": {"$ref": "#/components/schemas/Match"}}}}, "LanguageTool's answer."),
                        "400": {"description": "A missing or unsupported parameter (plain text, as LanguageTool answers)."},
                        "401": errors["401"],
                        "413": {"description": "The text is longer than the server checks."},
                    },
                }
            },
            "/v2/languages": {"get": {"summary": "The languages checked (LanguageTool's API)", "security": [{}], "responses": {"200": _json({"type": "array", "items": {"type": "object"}}, "Dutch.")}}},
            "/rules": {"get": {"summary": "Every rule, as a web page", "responses": {"200": {"description": "HTML"}}}},
            "/rules/{code}": {
                "get": {
                    "summary": "A rule's documentation, as a web page (the target of rule.urls)",
                    "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "HTML"}, "404": {"description": "No such rule."}},
                }
            },
            "/": {
                "get": {"summary": "The page to drop a letter on", "responses": {"200": {"description": "HTML"}}},
                "post": {"summary": "The page's form: the report, with the annotated and corrected copies to download", "responses": {"200": {"description": "HTML"}, **errors}},
            },
            "/health": {"get": {"summary": "Whether the server and its worker processes are up", "responses": {"200": _json({"type": "object"}, "status, workers, replaced")}}},
            "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1"}}}},
        },
    }
