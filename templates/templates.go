// Package templates embeds the default section templates (text/template,
// one file per section). A user's directory of templates overrides them file
// by file; see internal/compose.
package templates

import "embed"

// FS holds the default template set.
//
//go:embed *.md.tmpl kinds all:init
var FS embed.FS
