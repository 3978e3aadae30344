/**
 * Bar charts drawn as SVG by React, on the server as in the browser: no script is needed to see
 * them, and the page prints. Scales and ticks come from d3-scale (docs/decisions/016). The chart
 * is an image with a text alternative; the same figures are in the table the caller puts beside it.
 */
import { scaleBand, scaleLinear } from "d3-scale";
import { useId } from "react";

export type Bar = {
  label: string;
  value: number /** Shorter label under the bar. */;
  short?: string;
};

const NUMBER = new Intl.NumberFormat("fr-FR");

type Props = {
  bars: Bar[];
  /** What the chart shows, said to screen readers (the table carries the detail). */
  description: string;
  /** Value written at the end of each bar. */
  format?: (value: number) => string;
  /** A reference line (e.g. the ministry's 5 days), at a bar's label. */
  marker?: { at: string; label: string };
  orientation?: "vertical" | "horizontal";
  /** Show one label every `labelEvery` bars (long weekly series). */
  labelEvery?: number;
};

const BLUE = "var(--background-action-high-blue-france, #000091)";
const GREY = "var(--text-mention-grey, #666)";
const TEXT = "var(--text-default-grey, #3a3a3a)";
const LINE = "var(--border-default-grey, #ddd)";

export function BarChart(props: Props) {
  return props.orientation === "horizontal" ? (
    <HorizontalBars {...props} />
  ) : (
    <Columns {...props} />
  );
}

function Frame({
  width,
  height,
  description,
  children,
}: {
  width: number;
  height: number;
  description: string;
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={id}
      style={{ maxWidth: `${width}px`, height: "auto", display: "block" }}
      fontFamily="Marianne, arial, sans-serif"
    >
      <title id={id}>{description}</title>
      {children}
    </svg>
  );
}

/** Columns over time (weekly deposits, delays in days). */
function Columns({ bars, description, format = NUMBER.format, marker, labelEvery = 1 }: Props) {
  const width = 720;
  const height = 260;
  const margin = { top: 16, right: 8, bottom: 40, left: 48 };
  const x = scaleBand<string>()
    .domain(bars.map((bar) => bar.label))
    .range([margin.left, width - margin.right])
    .padding(0.2);
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
  const ticks = y.ticks(4).filter((tick) => Number.isInteger(tick));
  const markerX = marker ? x(marker.at) : undefined;
  return (
    <Frame width={width} height={height} description={description}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line
            x1={margin.left}
            x2={width - margin.right}
            y1={y(tick)}
            y2={y(tick)}
            stroke={LINE}
          />
          <text
            x={margin.left - 6}
            y={y(tick)}
            dy="0.32em"
            textAnchor="end"
            fontSize="11"
            fill={GREY}
          >
            {format(tick)}
          </text>
        </g>
      ))}
      {bars.map((bar, index) => {
        const left = x(bar.label) ?? 0;
        return (
          <g key={bar.label}>
            <rect
              x={left}
              y={y(bar.value)}
              width={x.bandwidth()}
              height={Math.max(0, height - margin.bottom - y(bar.value))}
              fill={BLUE}
            />
            {index % labelEvery === 0 ? (
              <text
                x={left + x.bandwidth() / 2}
                y={height - margin.bottom + 14}
                textAnchor="middle"
                fontSize="11"
                fill={TEXT}
              >
                {bar.short ?? bar.label}
              </text>
            ) : null}
          </g>
        );
      })}
      {marker && markerX !== undefined ? (
        <g>
          <line
            x1={markerX - x.step() * x.paddingInner() * 0.5}
            x2={markerX - x.step() * x.paddingInner() * 0.5}
            y1={margin.top}
            y2={height - margin.bottom}
            stroke="var(--text-default-error, #ce0500)"
            strokeDasharray="4 3"
            strokeWidth="2"
          />
          <text
            x={markerX}
            y={margin.top + 4}
            fontSize="11"
            fill="var(--text-default-error, #ce0500)"
            dy="0.32em"
            // A halo of the page's colour: the label stays readable where it crosses a bar.
            stroke="var(--background-default-grey, #fff)"
            strokeWidth="4"
            paintOrder="stroke"
          >
            {marker.label}
          </text>
        </g>
      ) : null}
      <line
        x1={margin.left}
        x2={width - margin.right}
        y1={height - margin.bottom}
        y2={height - margin.bottom}
        stroke={TEXT}
      />
    </Frame>
  );
}

/** Categories side by side (outcomes, ages of the backlog), the label left of each bar. */
function HorizontalBars({ bars, description, format = NUMBER.format }: Props) {
  const width = 720;
  const row = 32;
  const margin = { top: 8, right: 72, bottom: 8, left: 180 };
  const height = margin.top + margin.bottom + row * bars.length;
  const y = scaleBand<string>()
    .domain(bars.map((bar) => bar.label))
    .range([margin.top, height - margin.bottom])
    .padding(0.25);
  const x = scaleLinear()
    .domain([0, Math.max(1, ...bars.map((bar) => bar.value))])
    .range([margin.left, width - margin.right]);
  return (
    <Frame width={width} height={height} description={description}>
      {bars.map((bar) => {
        const top = y(bar.label) ?? 0;
        const middle = top + y.bandwidth() / 2;
        return (
          <g key={bar.label}>
            <text
              x={margin.left - 8}
              y={middle}
              dy="0.32em"
              textAnchor="end"
              fontSize="13"
              fill={TEXT}
            >
              {bar.short ?? bar.label}
            </text>
            <rect
              x={margin.left}
              y={top}
              width={Math.max(0, x(bar.value) - margin.left)}
              height={y.bandwidth()}
              fill={BLUE}
            />
            <text x={x(bar.value) + 6} y={middle} dy="0.32em" fontSize="13" fill={TEXT}>
              {format(bar.value)}
            </text>
          </g>
        );
      })}
      <line
        x1={margin.left}
        x2={margin.left}
        y1={margin.top}
        y2={height - margin.bottom}
        stroke={TEXT}
      />
    </Frame>
  );
}
