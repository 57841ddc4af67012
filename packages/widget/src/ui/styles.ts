/**
 * The widget's whole stylesheet. It lives in the shadow root, so it can't leak out, and `all: initial`
 * on the host keeps inherited host styles out. It must be `!important`: a page rule such as
 * `* { all: unset }` also matches the host element, and for normal declarations the page's context
 * beats `:host`; for important ones the shadow context wins (the e2e hostile-CSS test guards this). Theming goes through `--npskit-*` custom properties,
 * which (unlike ordinary properties) do inherit into the shadow tree. See the README for the list.
 */
export const CSS = `:host{all:initial!important}
.wrap{position:fixed;z-index:var(--npskit-z-index,2147483000);inset-inline:0;bottom:var(--npskit-offset,16px);display:flex;justify-content:var(--npskit-position,flex-end);padding-inline:var(--npskit-offset,16px);pointer-events:none}
.card{--a:var(--npskit-accent,#2f5bea);--o:var(--npskit-accent-fg,#fff);--b:var(--npskit-bg,#fff);--f:var(--npskit-fg,#1b1b1f);--m:var(--npskit-muted,#5f6168);--r:var(--npskit-radius,12px);position:relative;box-sizing:border-box;width:min(var(--npskit-width,420px),100%);padding:20px;background:var(--b);color:var(--f);font:15px/1.4 var(--npskit-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);text-align:start;border-radius:var(--r);box-shadow:0 8px 30px rgb(0 0 0/.2);pointer-events:auto;animation:in .25s ease-out}
@media (prefers-color-scheme:dark){.card{--b:var(--npskit-bg-dark,#1f2024);--f:var(--npskit-fg-dark,#f1f1f4);--m:var(--npskit-muted-dark,#a9abb3)}}
@keyframes in{from{opacity:0;transform:translateY(16px)}}
@media (prefers-reduced-motion:reduce){.card{animation:none}}
@media (max-width:480px){.wrap{bottom:0;padding:0}.card{width:100%;border-radius:var(--r) var(--r) 0 0;padding-bottom:calc(20px + env(safe-area-inset-bottom,0px))}}
.inline{position:relative;inset:auto;padding:0}.inline .card{width:100%;border-radius:var(--r)}
p{margin:0 0 12px}
.q{font-weight:600;padding-inline-end:28px}
button,textarea{font:inherit;color:inherit;background:none;border:1px solid color-mix(in srgb,currentColor 30%,transparent);border-radius:calc(var(--r)/2)}
button{cursor:pointer;padding:6px 10px}
button:hover{border-color:var(--a)}
:focus-visible{outline:2px solid var(--a);outline-offset:2px}
[aria-checked=true],.send{background:var(--a);border-color:var(--a);color:var(--o)}
.row{display:flex;gap:4px}
.row button{flex:1;min-width:0;height:40px;padding:0}
.ends{display:flex;justify-content:space-between;gap:8px;margin-top:6px;font-size:12px;color:var(--m)}
.emo{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:12px}
.emo button{border-radius:999px}
label{display:block;margin-bottom:4px}
textarea{box-sizing:border-box;width:100%;padding:8px;resize:vertical}
.acts{display:flex;gap:8px;margin-top:12px}
.x{position:absolute;top:8px;inset-inline-end:8px;width:32px;height:32px;padding:0;border:0;font-size:20px;line-height:1}
.sender{display:flex;align-items:center;gap:10px;margin-bottom:12px;font-size:13px}
.sender img{width:36px;height:36px;border-radius:50%;object-fit:cover}
.sender small{display:block;color:var(--m)}
.thanks{font-weight:600;margin:0}`;
