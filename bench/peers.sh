#!/bin/sh
# Measures zongjie batch on N generated branch sheets and, in the same run,
# the peers that are installed, printing one line per tool: documents per
# second, wall time and peak memory. A peer that is not installed is named
# and skipped, so the script always measures zongjie.
#
#   bench/peers.sh [N]        # default N=100; run from the repository root
#
# Peers: Chromium printing zongjie's own HTML to PDF (the usual
# "HTML + headless browser" route), pandoc and typst (Markdown → PDF).
# Chromium starts once per document, as a batch script would call it; it
# is limited to the first 20 documents because each takes seconds.
set -eu
N=${1:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "需要 GNU time（/usr/bin/time）：apt-get install time" >&2; exit 1; }

go build -o "$work/zongjie" ./cmd/zongjie
go run ./internal/batch/gen -n "$N" -o "$work/in" >/dev/null

echo "机器：$(nproc) 核，$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')；负载：$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
printf '%9s %8s %9s  %s\n' "用时/秒" "内存/MB" "份/秒" "工具"

# measure LABEL DOCS COMMAND...: runs COMMAND under GNU time; DOCS=0
# prints no rate (a run that has nothing to build).
measure() {
  label=$1 docs=$2
  shift 2
  $TIME -f '%e %M' -o "$work/t" "$@" >/dev/null 2>"$work/err" || { echo "$label 失败：" >&2; cat "$work/err" >&2; return 0; }
  read -r wall kb <"$work/t"
  awk -v l="$label" -v d="$docs" -v w="$wall" -v k="$kb" \
    'BEGIN { r = (d > 0 && w > 0) ? sprintf("%9.1f", d / w) : sprintf("%9s", "-"); printf "%9.2f %8.0f %s  %s\n", w, k / 1024, r, l }'
}

measure "zongjie batch, $N 份 md+html+pdf" "$N" "$work/zongjie" batch "$work/in" -o "$work/out" --quiet
measure "zongjie batch 再次运行（无改动）" 0 "$work/zongjie" batch "$work/in" -o "$work/out" --quiet
sed -i 's/^members = [0-9]*/members = 41/' "$work/in/b0001.toml"
measure "zongjie batch 改动一份后运行" 1 "$work/zongjie" batch "$work/in" -o "$work/out" --quiet

chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -n "$chrome" ]; then
  M=$(( N < 20 ? N : 20 ))
  cat >"$work/chrome.sh" <<SH
#!/bin/sh
for f in \$(ls "$work/out"/b*.html | head -n $M); do
  "$chrome" --headless=new --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$work/chrome-\$(basename "\$f" .html).pdf" "file://\$f" >/dev/null 2>&1
done
SH
  chmod +x "$work/chrome.sh"
  measure "Chromium 打印 HTML 为 PDF，$M 份" "$M" "$work/chrome.sh"
else
  echo "Chromium：未安装，跳过"
fi

if command -v pandoc >/dev/null; then
  M=$(( N < 20 ? N : 20 ))
  cat >"$work/pandoc.sh" <<SH
#!/bin/sh
for f in \$(ls "$work/out"/b*.md | head -n $M); do
  pandoc "\$f" -o "$work/pandoc-\$(basename "\$f" .md).pdf" --pdf-engine=xelatex -V CJKmainfont="Noto Serif CJK SC"
done
SH
  chmod +x "$work/pandoc.sh"
  measure "pandoc + xelatex，$M 份" "$M" "$work/pandoc.sh"
else
  echo "pandoc：未安装，跳过"
fi

if command -v typst >/dev/null; then
  echo "typst：已安装，但不读 Markdown；需先把总结转成 .typ，本脚本未做，跳过"
else
  echo "typst：未安装，跳过"
fi
