/// The cohort report's style sheet and SVG patterns. (Its text is escaped by ``Format/html(_:)``, the package's
/// one escaper.)
enum HTML {
    /// The style sheet of the cohort report, charts included: Okabe–Ito colours (safe for colour-blind readers),
    /// every state told by pattern or outline as well as colour (so greyscale print keeps them apart), chart
    /// marks of at least 3:1 against their neighbours, chart text of 12 px that never shrinks (a chart wider than
    /// the screen scrolls inside its own box), and A4 landscape in print at 9 pt (the tables, which say what the charts draw, stay on screen).
    static let style = """
        body{font-family:"DejaVu Sans",Arial,sans-serif;color:#111;margin:1.5em;max-width:1400px;line-height:1.4}
        h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.25em;margin:1.4em 0 .4em;border-bottom:1px solid #767676}
        h3{font-size:1.05em;margin:1em 0 .3em}.meta{color:#333;margin:0 0 1em}
        figure{margin:0 0 1em}.defs{position:absolute}
        .toc{display:flex;flex-wrap:wrap;gap:.4em 1.2em;list-style:none;padding:0;margin:.4em 0 1em}
        .toc a{display:inline-block;padding:.3em 0;min-height:24px}
        .chart,.scroll{overflow-x:auto;max-width:100%}.chart{border:1px solid #bbb;padding:2px}
        .chart:focus,.scroll:focus{outline:3px solid #0050a0;outline-offset:2px}
        .chart svg{display:block;max-width:none;font-size:12px}
        svg text{fill:#111}.lbl{font-weight:bold}.sym{font-weight:bold}
        .legend{display:flex;flex-wrap:wrap;gap:.3em 1.2em;margin:.4em 0 .6em;padding:0;list-style:none}
        .legend svg{display:inline-block;vertical-align:middle;margin-right:.3em}
        .b{stroke:#000;stroke-width:.6}.done{fill:#4d4d4d}.in-progress{fill:url(#stripes);stroke-width:1.4}
        .confirmed{fill:#56B4E9;stroke-width:2}.planned{fill:url(#hatch)}
        .w{fill:#fbf5c3;stroke:#6e6400;stroke-dasharray:3 2;stroke-width:1}
        .closed{fill:url(#shut)}.today{stroke:#D55E00;stroke-width:2}.grid{stroke:#bbb;stroke-width:.5}
        .mark{fill:#D55E00;stroke:#000;stroke-width:.8}
        .exp{fill:#0072B2}.ov{fill:url(#over)}.wc{fill:none;stroke:#000;stroke-width:1.4;stroke-dasharray:4 3}
        .cap{fill:none;stroke:#000;stroke-width:2.5}.axis{stroke:#555;stroke-width:.6}
        .conflicts li{margin:.4em 0}.conflicts a{display:inline-block;min-width:24px;min-height:24px;padding:0 .15em}
        .code{font-family:"DejaVu Sans Mono",monospace;font-weight:bold}.suggest{color:#333;font-style:italic}
        table{border-collapse:collapse;margin:.5em 0 1em}caption{text-align:left;font-weight:bold;padding:.3em 0}
        td,th{border:1px solid #767676;padding:.25em .5em;text-align:left;vertical-align:top}
        thead th{background:#eee}tbody th{font-weight:normal;max-width:20em}td.d{white-space:nowrap}
        details.data{margin:.3em 0 1em}details.data summary{cursor:pointer;padding:.3em 0;min-height:24px}
        a{color:#0050a0}
        @page{size:A4 landscape;margin:10mm}
        @media print{body{margin:0;max-width:none;font-size:9pt}h2,h3,caption{break-after:avoid}
          figure{break-inside:avoid}.chart{overflow:visible;border:0}.chart svg{max-width:100%;height:auto}
          nav,.data{display:none}a{color:#111;text-decoration:none}}
        """

    /// The SVG patterns every chart and legend refers to, defined once per page in a hidden SVG (so each id is
    /// there once): hatching for planned bars and over-full days, stripes for steps in progress, fine lines for
    /// closed days. Each has marks of at least 3:1 against white, so none needs colour to be read.
    static let definitions = """
        <svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>\
        <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="6" height="6" fill="#cfe3f2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#0072B2" stroke-width="2.5"/></pattern>\
        <pattern id="stripes" width="4" height="4" patternUnits="userSpaceOnUse">\
        <rect width="4" height="4" fill="#fff"/><rect width="2" height="4" fill="#0072B2"/></pattern>\
        <pattern id="over" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">\
        <rect width="5" height="5" fill="#D55E00"/><line x1="0" y1="0" x2="0" y2="5" stroke="#000" stroke-width="1.6"/></pattern>\
        <pattern id="shut" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="4" height="4" fill="#ececec"/><line x1="0" y1="0" x2="0" y2="4" stroke="#8c8c8c" stroke-width=".8"/></pattern>\
        </defs></svg>
        """
}
