package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/zongjie/zongjie/internal/build"
	"github.com/zongjie/zongjie/internal/compose"
	"github.com/zongjie/zongjie/internal/font"
)

// runCompletion prints a completion script for a shell: commands, their
// options, formats, kinds and font roles.
func runCompletion(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		return usageError(stderr, fmt.Errorf("请指定 shell：zongjie completion bash|zsh|fish|powershell"))
	}
	w := words{}
	for _, c := range commands {
		w.commands = append(w.commands, c.name)
	}
	for _, f := range build.Formats {
		w.formats = append(w.formats, string(f))
	}
	if c, err := compose.New(compose.Options{}); err == nil {
		for _, k := range c.Kinds() {
			w.kinds = append(w.kinds, k.ID)
		}
	}
	for _, r := range font.Roles {
		w.roles = append(w.roles, string(r)+"=")
	}
	switch args[0] {
	case "bash":
		fmt.Fprint(stdout, bashScript(w))
	case "zsh":
		// zsh runs the bash function through its bash-completion layer.
		fmt.Fprint(stdout, "#compdef zongjie\nautoload -U +X bashcompinit && bashcompinit\n"+bashScript(w))
	case "fish":
		fmt.Fprint(stdout, fishScript(w))
	case "powershell":
		fmt.Fprint(stdout, powershellScript(w))
	default:
		return usageError(stderr, fmt.Errorf("不支持的 shell %q：可选 bash、zsh、fish、powershell", args[0]))
	}
	return ExitOK
}

type words struct{ commands, formats, kinds, roles []string }

func optionWords(c command) []string {
	var out []string
	for _, f := range c.flags {
		out = append(out, dashes(f))
	}
	return append(out, "--help")
}

func bashScript(w words) string {
	var cases strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&cases, "    %s) opts=%q ;;\n", c.name, strings.Join(optionWords(c), " "))
	}
	return `# bash completion for zongjie: eval "$(zongjie completion bash)"
_zongjie() {
  local cur prev opts
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "` + strings.Join(w.commands, " ") + `" -- "$cur"))
    return
  fi
  case "$prev" in
    --format) COMPREPLY=($(compgen -W "` + strings.Join(w.formats, " ") + `" -- "$cur")); return ;;
    --kind) COMPREPLY=($(compgen -W "` + strings.Join(w.kinds, " ") + `" -- "$cur")); return ;;
    --font) compopt -o nospace 2>/dev/null; COMPREPLY=($(compgen -W "` + strings.Join(w.roles, " ") + `" -- "$cur")); return ;;
    -o|--templates|--branches) COMPREPLY=($(compgen -d -- "$cur")); return ;;
  esac
  case "${COMP_WORDS[1]}" in
` + cases.String() + `    *) opts="" ;;
  esac
  case "${COMP_WORDS[1]}" in
    help) COMPREPLY=($(compgen -W "` + strings.Join(w.commands, " ") + `" -- "$cur")); return ;;
    completion) COMPREPLY=($(compgen -W "bash zsh fish powershell" -- "$cur")); return ;;
    templates) [ "$COMP_CWORD" -eq 2 ] && { COMPREPLY=($(compgen -W "export" -- "$cur")); return; } ;;
    init) [ "$COMP_CWORD" -eq 2 ] && [[ "$cur" != -* ]] && { COMPREPLY=($(compgen -W "` + strings.Join(w.kinds, " ") + `" -- "$cur")); return; } ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -X '!*.toml' -- "$cur") $(compgen -d -- "$cur"))
  fi
}
complete -F _zongjie zongjie
`
}

func fishScript(w words) string {
	var b strings.Builder
	b.WriteString("# fish completion for zongjie: zongjie completion fish > ~/.config/fish/completions/zongjie.fish\n")
	b.WriteString("complete -c zongjie -f\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "complete -c zongjie -n __fish_use_subcommand -a %s -d %q\n", c.name, strings.SplitN(c.help, "\n", 2)[0])
	}
	for _, c := range commands {
		for _, f := range c.flags {
			opt := "-l " + f
			if len([]rune(f)) == 1 {
				opt = "-o " + f
			}
			arg := ""
			switch f {
			case "format":
				arg = " -xa '" + strings.Join(w.formats, " ") + "'"
			case "kind":
				arg = " -xa '" + strings.Join(w.kinds, " ") + "'"
			case "font":
				arg = " -xa '" + strings.Join(w.roles, " ") + "'"
			case "o", "templates", "branches":
				arg = " -xa '(__fish_complete_directories)'"
			}
			fmt.Fprintf(&b, "complete -c zongjie -n '__fish_seen_subcommand_from %s' %s%s\n", c.name, opt, arg)
		}
	}
	b.WriteString("complete -c zongjie -n '__fish_seen_subcommand_from build check batch watch' -a '(__fish_complete_suffix .toml)'\n")
	fmt.Fprintf(&b, "complete -c zongjie -n '__fish_seen_subcommand_from init' -a '%s'\n", strings.Join(w.kinds, " "))
	b.WriteString("complete -c zongjie -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish powershell'\n")
	return b.String()
}

func powershellScript(w words) string {
	var cases strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&cases, "        '%s' { @(%s) }\n", c.name, quoteList(optionWords(c)))
	}
	return `# PowerShell completion for zongjie: zongjie completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName zongjie -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = $commandAst.CommandElements | ForEach-Object { $_.ToString() }
    if ($words.Count -le 1 -or ($words.Count -eq 2 -and $wordToComplete)) {
        $candidates = @(` + quoteList(w.commands) + `)
    } else {
        $prev = $words[$words.Count - 1]
        if ($wordToComplete) { $prev = $words[$words.Count - 2] }
        switch ($prev) {
            '--format' { $candidates = @(` + quoteList(w.formats) + `) }
            '--kind' { $candidates = @(` + quoteList(w.kinds) + `) }
            '--font' { $candidates = @(` + quoteList(w.roles) + `) }
            default {
                $candidates = switch ($words[1]) {
` + cases.String() + `                    default { @() }
                }
            }
        }
    }
    $candidates | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
`
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "'" + x + "'"
	}
	return strings.Join(q, ", ")
}
