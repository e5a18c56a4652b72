package org.infermeter.report;

import java.util.Locale;

/** A tiny SVG writer: the HTML report draws its charts itself so the file needs no script and no network. */
final class Svg {
    private final StringBuilder sb = new StringBuilder();

    Svg(String chart, int width, int height, String label) {
        sb.append(String.format(Locale.ROOT,
                "<svg data-chart=\"%s\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\" "
                        + "xmlns=\"http://www.w3.org/2000/svg\">",
                Html.escape(chart), width, height, width, height, Html.escape(label)));
    }

    Svg line(double x1, double y1, double x2, double y2, String css) {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>",
                x1, y1, x2, y2, css));
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String css, String color) {
        sb.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"%s\" stroke=\"%s\"/>",
                x1, y1, x2, y2, css, color));
        return this;
    }

    Svg circle(double cx, double cy, double r, String css, String color, String title) {
        sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" class=\"%s\" fill=\"%s\">",
                cx, cy, r, css, color));
        if (title != null) sb.append("<title>").append(Html.escape(title)).append("</title>");
        sb.append("</circle>");
        return this;
    }

    Svg rect(double x, double y, double w, double h, String css, String color, String title) {
        sb.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"%s\" fill=\"%s\">",
                x, y, Math.max(0, w), Math.max(0, h), css, color));
        if (title != null) sb.append("<title>").append(Html.escape(title)).append("</title>");
        sb.append("</rect>");
        return this;
    }

    Svg path(String d, String css, String color) {
        sb.append("<path d=\"").append(d).append("\" class=\"").append(css).append("\" stroke=\"").append(color)
                .append("\"/>");
        return this;
    }

    /** An "x" marker, for failed requests. */
    Svg cross(double cx, double cy, double r, String color, String title) {
        sb.append(String.format(Locale.ROOT,
                "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" class=\"cross\" stroke=\"%s\">",
                cx - r, cy - r, cx + r, cy + r, cx - r, cy + r, cx + r, cy - r, color));
        if (title != null) sb.append("<title>").append(Html.escape(title)).append("</title>");
        sb.append("</path>");
        return this;
    }

    Svg text(double x, double y, String anchor, String css, String text) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">",
                x, y, anchor, css)).append(Html.escape(text)).append("</text>");
        return this;
    }

    String end() {
        return sb.append("</svg>").toString();
    }
}
