/**
 * The hosted page's own stylesheet: the page around the widget's card, the form shown without
 * JavaScript, and the friendly pages. Served as a file (`/s/assets/page.<hash>.css`); the survey's
 * accent comes in `--accent` / `--accent-text` from a small nonce'd `<style>` in the page (see
 * `survey-page.ts`), with the widget's default accent here.
 */
const BASE = `:root{--accent:#2f5bea;--accent-text:#fff}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f4f4f6;color:#1b1b1f;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:560px;margin:0 auto;padding:32px 16px 48px}
h1{font-size:1.35rem;line-height:1.3;margin:0 0 12px}
p{margin:0 0 12px}
.brand{font-weight:700;font-size:1.05rem;margin:0 0 20px;color:#5f6168}
.box{background:#fff;border-radius:12px;padding:20px;box-shadow:0 2px 12px rgb(0 0 0/.08)}
.muted{color:#5f6168;font-size:.9rem}
fieldset{border:0;margin:0 0 16px;padding:0;min-width:0}
legend{font-weight:700;font-size:1.1rem;padding:0;margin:0 0 12px}
.scale{display:grid;grid-template-columns:repeat(11,minmax(0,1fr));gap:4px}
.scale label,.emotions label{position:relative;display:block;cursor:pointer}
.scale input,.emotions input{position:absolute;opacity:0;inset:0;width:100%;height:100%;margin:0;cursor:pointer}
.scale span,.emotions span{display:flex;align-items:center;justify-content:center;min-height:44px;border:1px solid #c9cad1;border-radius:8px;background:#fff;font-weight:600}
.emotions span{padding:0 12px;font-weight:500}
.scale input:checked+span,.emotions input:checked+span{background:var(--accent);border-color:var(--accent);color:var(--accent-text)}
.scale input:focus-visible+span,.emotions input:focus-visible+span{outline:3px solid var(--accent);outline-offset:2px}
.ends{display:flex;justify-content:space-between;gap:12px;margin-top:6px;color:#5f6168;font-size:.85rem}
.emotions{display:flex;flex-wrap:wrap;gap:6px}
textarea{width:100%;min-height:96px;font:inherit;padding:10px;border:1px solid #c9cad1;border-radius:8px}
button{font:inherit;font-weight:600;min-height:44px;padding:0 20px;border:0;border-radius:8px;background:var(--accent);color:var(--accent-text);cursor:pointer}
button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
#npskit-survey:empty{display:none}
.sender{margin-top:20px;color:#5f6168;font-size:.9rem}
@media (max-width:420px){.scale{grid-template-columns:repeat(6,minmax(0,1fr))}}
@media (prefers-color-scheme:dark){body{background:#121214;color:#ececf1}.box,.scale span,.emotions span,textarea{background:#1d1d21;color:#ececf1;border-color:#3a3a42}.muted,.ends,.brand,.sender{color:#a9aab3}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;

/** The stylesheet (one for every survey). */
export function pageCss(): string {
  return BASE.trim();
}
