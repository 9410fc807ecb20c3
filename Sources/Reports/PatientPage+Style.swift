extension PatientPage {
    /// The page's CSS. On screen: 18 px text (112.5 % of the browser's 16 px, so a larger setting still scales),
    /// links to call, download and fold at least 44 px high, nothing wider than a 320 px phone (long words and the
    /// feed address wrap). On paper (A4): smaller text, no heading left alone at a page foot, small blocks kept
    /// whole, the calendar link followed by its address; folded parts stay folded (the page fits on three sheets),
    /// and the fold over how to import, which paper cannot do, is left out.
    package static let style = """
        body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:112.5%;line-height:1.5;color:#111;background:#fff;\
        margin:0 auto;max-width:40em;padding:.3em 1em 2em;overflow-wrap:break-word}
        h1{font-size:1.35em;line-height:1.25;margin:.4em 0 .2em}h2{font-size:1.2em;line-height:1.3;margin:1.1em 0 .3em}
        h3{font-size:1.05em;line-height:1.35;margin:.1em 0 .2em}p{margin:.4em 0}.meta{margin:0;color:#333}
        a{color:#0050a0}a:focus-visible,summary:focus-visible{outline:3px solid #111;outline-offset:2px}
        .next{border:3px solid #0072B2;border-radius:.5em;padding:0 .8em .2em;margin:.8em 0;background:#f3f8fc}
        .next h2{margin:.4em 0 .1em}.next dl{margin:.2em 0}.next dt{font-weight:bold;float:left;clear:left;margin-right:.4em}
        .next dt::after{content:":"}.next dd{margin:0 0 .1em}
        .phones ul{list-style:none;padding:0;margin:.3em 0}.phones li{margin:0 0 .5em}.phones .use{display:block}
        a.tel,a.download,a.subscribe{display:inline-block;box-sizing:border-box;min-height:44px;min-width:44px;\
        padding:.25em .7em;border:2px solid #0050a0;border-radius:.4em;font-weight:bold;text-decoration:none}
        a.tel{font-size:1.15em}
        .bring{border-left:6px solid #4d4d4d;padding:.1em .8em;margin:.6em 0 1em}
        .phases{list-style:none;padding:0;margin:0}.phases>li{border-left:6px solid #0072B2;padding:.2em .8em;margin:1.2em 0}
        .phases>li.done{border-left-color:#4d4d4d}.phases>li.planned,.phases>li.possible{border-left-style:dashed}
        .when{margin:.2em 0}.again{margin-top:.8em}
        summary{cursor:pointer;box-sizing:border-box;min-height:44px;padding:.45em 0;color:#0050a0;text-decoration:underline}
        details.past{border-left:6px solid #4d4d4d;padding:0 .8em;margin:1em 0}
        code{overflow-wrap:anywhere;word-break:break-all}
        @page{size:A4;margin:12mm 14mm}
        @media print{body{font-size:9.5pt;line-height:1.3;max-width:none;margin:0;padding:0}
        h1{font-size:14pt}h2{font-size:12pt;margin:.8em 0 .25em}h3{font-size:10.5pt}p{margin:.25em 0}
        h1,h2,h3,summary,.when{break-after:avoid}p,dl,.small,.phones li,.bring,.next,summary{break-inside:avoid}
        p{orphans:3;widows:3}a{color:#111}.next{background:none;border-width:2px}
        a.tel,a.download,a.subscribe{border:0;padding:0;min-height:0;font-size:1em}
        .phones ul{columns:2}.phones li{margin:0 0 .3em}.phones .use::after{content:":"}
        .phases>li{margin:.6em 0}.bring{margin:.4em 0 .6em}
        summary{min-height:0;padding:.1em 0;color:#111;text-decoration:none;list-style:none}
        summary::-webkit-details-marker{display:none}#own-calendar details{display:none}
        a.download[href]::after,a.subscribe[href]::after{content:" (" attr(href) ")";font-weight:normal}}
        """
}
