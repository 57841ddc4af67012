/**
 * Colour-emoji fonts, so emotion chips look the same on a Linux desktop as on a phone: without them
 * a generic family may draw the emoji in monochrome or not at all.
 */
export const EMOJI_FONTS = '"Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji"';

/**
 * The widget's whole stylesheet. It lives in the shadow root, so it can't leak out, and `all: initial`
 * on the host keeps inherited host styles out. It must be `!important`: a page rule such as
 * `* { all: unset }` also matches the host element, and for normal declarations the page's context
 * beats `:host`; for important ones the shadow context wins (the e2e hostile-CSS test guards this).
 * Theming goes through `--npskit-*` custom properties, which (unlike ordinary properties) do inherit
 * into the shadow tree, and through a survey's `theme` (see theme.ts), which sets the short internal
 * variables below after this sheet. See the README for the list.
 *
 * Layout: the card is a size container. Where it is narrower than 380 px of content (phones, where it
 * is a bottom sheet), the scale becomes two rows of targets at least 44 px square (0–5 over 6–10)
 * instead of eleven narrow ones, and the emotion chips one row that scrolls sideways, so the sheet
 * leaves the page's own content (an order total) in sight; wider, both stay as they are. No tap
 * highlight (rectangles on rounded chips); an `:active` tint shows the press instead.
 */
export const CSS = `:host{all:initial!important}
.wrap{position:fixed;z-index:var(--npskit-z-index,2147483000);inset-inline:0;bottom:var(--npskit-offset,16px);display:flex;justify-content:var(--npskit-position,flex-end);padding-inline:var(--npskit-offset,16px);pointer-events:none}
.card{--a:var(--npskit-accent,#2f5bea);--o:var(--npskit-accent-fg,#fff);--b:var(--npskit-bg,#fff);--f:var(--npskit-fg,#1b1b1f);--m:var(--npskit-muted,#5f6168);--r:var(--npskit-radius,12px);--ff:var(--npskit-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);container-type:inline-size;position:relative;box-sizing:border-box;width:min(var(--npskit-width,420px),100%);max-height:calc(100vh - 2*var(--npskit-offset,16px));overflow:auto;padding:16px 18px;background:var(--b);color:var(--f);font:15px/1.4 var(--ff),${EMOJI_FONTS};text-align:start;border-radius:var(--r);box-shadow:0 8px 30px rgb(0 0 0/.2);pointer-events:auto;animation:in .25s ease-out}
@media (prefers-color-scheme:dark){.card{--b:var(--npskit-bg-dark,#1f2024);--f:var(--npskit-fg-dark,#f1f1f4);--m:var(--npskit-muted-dark,#a9abb3)}}
@keyframes in{from{opacity:0;transform:translateY(16px)}}
@media (prefers-reduced-motion:reduce){.card{animation:none}}
@media (max-width:480px){.wrap{bottom:0;padding:0}.card{width:100%;max-height:100vh;border-radius:var(--r) var(--r) 0 0;padding:8px 14px calc(12px + env(safe-area-inset-bottom,0px))}}
.inline{position:relative;inset:auto;padding:0}.inline .card{width:100%;max-height:none;border-radius:var(--r)}
p{margin:0 0 8px}
.q{margin-bottom:6px;font-weight:600;line-height:1.25;padding-inline-end:30px}
.sender~div .q,.sender~.mine{padding-inline-end:0}
button,textarea{font:inherit;color:inherit;background:none;border:1px solid color-mix(in srgb,currentColor 30%,transparent);border-radius:calc(var(--r)/2)}
button,a{cursor:pointer;-webkit-tap-highlight-color:transparent;touch-action:manipulation}
button{padding:6px 10px}
button:hover{border-color:var(--a)}
button:active{background:color-mix(in srgb,var(--a) 20%,transparent)}
:focus-visible{outline:2px solid var(--a);outline-offset:2px}
[aria-checked=true],.send{background:var(--a);border-color:var(--a);color:var(--o)}
.row{display:flex;gap:4px}
.row button{flex:1;min-width:0;height:40px;padding:0}
@media (pointer:coarse){.row button{height:44px}}
.ends{display:flex;justify-content:space-between;gap:8px;margin-top:6px;font-size:12px;color:var(--m)}
.mine{display:flex;flex-wrap:wrap;align-items:center;gap:0 8px;margin-bottom:4px;font-weight:600;padding-inline-end:30px}
.link{display:inline-block;min-height:32px;padding:4px 6px;border:0;color:var(--a);font-weight:600;text-decoration:underline;text-underline-offset:3px}
.emo{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:10px}
.emo button{border-radius:999px;min-height:36px;padding:4px 12px}
.emoji{font-family:${EMOJI_FONTS},sans-serif}
label{display:block;margin-bottom:4px}
textarea{display:block;box-sizing:border-box;width:100%;height:2.4em;padding:6px 8px;resize:none}
textarea:focus,textarea:not(:placeholder-shown){height:5em;resize:vertical}
.acts{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-top:8px}
.acts button{min-height:40px;padding:6px 16px}
.acts .link{padding-inline:4px}
.x{position:absolute;top:6px;inset-inline-end:6px;width:36px;height:36px;padding:0;border:0;font-size:22px;line-height:1}
.sender{display:flex;align-items:center;gap:8px;min-height:22px;margin-bottom:4px;padding-inline-end:34px;font-size:13px}
.sender span{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sender img{width:28px;height:28px;border-radius:50%;object-fit:cover}
.sender small{color:var(--m);font-size:inherit}
.sender small:before{content:" · "}
.status{margin:0}
.thanks{display:block;font-weight:600}
.note{display:block;margin-top:4px;color:var(--m)}
.status .link{margin-top:6px;padding-inline:0}
@container (max-width:379.98px){.row{display:grid;grid-template-columns:repeat(12,1fr);gap:5px}.row button{grid-column:span 2;height:44px}.row button:nth-child(7){grid-column:2/span 2}.ends{margin-top:4px}.ends span:first-child:before{content:"0 = "}.ends span:last-child:after{content:" = 10"}.emo{flex-wrap:nowrap;overflow-x:auto;scrollbar-width:none;margin-inline:-14px;padding-inline:14px;scroll-padding-inline:14px}.emo button{flex:none}}`;
