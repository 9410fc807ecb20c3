/// The cohort report's style sheet and SVG patterns. (Its text is escaped by ``Format/html(_:)``, the package's
/// one escaper.)
enum HTML {
    /// The style sheet of the cohort report: Okabe–Ito colours (safe for colour-blind readers), patterns beside
    /// colours, and A4 landscape in print.
    static let style = """
        body{font-family:"DejaVu Sans",Arial,sans-serif;color:#111;margin:1.5em;max-width:1400px}
        h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.2em;margin:1.4em 0 .4em;border-bottom:1px solid #999}
        .meta{color:#333;margin:0 0 1em}
        svg{display:block;max-width:100%;height:auto;font-size:11px}
        svg text{fill:#111}
        .legend{display:flex;flex-wrap:wrap;gap:1.2em;margin:.4em 0 .8em;padding:0;list-style:none}
        .legend svg{display:inline-block;vertical-align:middle;margin-right:.3em}
        .conflicts li{margin:.3em 0}.code{font-family:"DejaVu Sans Mono",monospace;font-weight:bold}
        .suggest{color:#333;font-style:italic}
        table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}
        a{color:#0050a0}
        @page{size:A4 landscape;margin:10mm}
        @media print{body{margin:0;max-width:none;font-size:10px}h2{break-after:avoid}section{break-inside:auto}
          svg{max-width:100%}.row{break-inside:avoid}a{color:#111;text-decoration:none}}
        """

    /// Shared SVG definitions: hatching for planned bars and over-full days, so neither needs colour to be read.
    static let patterns = """
        <defs>\
        <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="6" height="6" fill="#cfe3f2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#0072B2" stroke-width="2.5"/></pattern>\
        <pattern id="over" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">\
        <rect width="5" height="5" fill="#D55E00"/><line x1="0" y1="0" x2="0" y2="5" stroke="#000" stroke-width="1.6"/></pattern>\
        </defs>
        """
}
