// Cumulative recruitment over time as a plain SVG chart: the running total of participants who
// consented, a dashed line at the study target, and the date the target was or would be reached.
// The geometry is worked out in lib/recruitment/chart.ts. Two drawings of the same data are in the
// page, a narrow one for phones and a wide one from 640 px, so the writing stays readable at both;
// only the one shown is in the accessibility tree. Each is one image with a title and a description
// that say what it shows; the same numbers are in the page as text and as a table (see the page).
import { chartLayout, type ChartLayout } from "@/lib/recruitment/chart";
import { formatCalendarDate, type Projection } from "@/lib/recruitment/rules";

type Props = {
  series: readonly { date: string; total: number }[];
  target: number;
  today: string;
  projection: Projection;
};

const SIZES = {
  narrow: { width: 360, height: 280, maxMonthTicks: 4, fontSize: 14, className: "block sm:hidden" },
  wide: { width: 720, height: 340, maxMonthTicks: 8, fontSize: 13, className: "hidden sm:block" },
} as const;

export function RecruitmentChart(props: Props) {
  const last = props.series.at(-1);
  if (!last) return null;
  const title = "Cumulative recruitment against the study target";
  const reached =
    props.projection.kind === "reached" || props.projection.kind === "projected" ? ` ${props.projection.sentence}` : "";
  const description = `Participants recruited (consented) in total, from ${formatCalendarDate(
    props.series[0]!.date,
  )} to ${formatCalendarDate(props.today)}: ${last.total} so far, against the study target of ${props.target}.${reached}`;
  const layouts = (Object.keys(SIZES) as (keyof typeof SIZES)[]).map((size) => {
    const { className, fontSize, ...dimensions } = SIZES[size];
    return { size, className, fontSize, layout: chartLayout({ ...props, ...dimensions }) };
  });
  const { projectionLine, projectionOffChart } = layouts[0]!.layout;
  return (
    <figure className="max-w-4xl space-y-2">
      {layouts.map(({ size, className, fontSize, layout }) => (
        <Drawing
          key={size}
          fontSize={fontSize}
          id={`recruitment-chart-${size}`}
          className={className}
          layout={layout}
          title={title}
          description={description}
        />
      ))}
      <figcaption className="text-muted text-sm">
        The solid line is the number of participants recruited so far, by consent date; the dashed line is the study
        target of {props.target}.
        {projectionLine ? " The dotted line goes on at the current rate to the projected date." : ""}
        {projectionOffChart
          ? " The projected date is too far ahead to show on the chart without squashing it: the sentence above gives it."
          : ""}
      </figcaption>
    </figure>
  );
}

function Drawing({
  id,
  fontSize,
  className,
  layout,
  title,
  description,
}: {
  id: string;
  fontSize: number;
  className: string;
  layout: ChartLayout;
  title: string;
  description: string;
}) {
  const { width, height, plot, marker } = layout;
  // Month labels are centred on their mark; the margins leave room for half a label at each end.
  const markerOnLeft = marker !== null && marker.x <= width / 2;
  const anchorFor = (x: number) => (x < 30 ? "start" : x > width - 30 ? "end" : "middle");
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      className={`h-auto w-full ${className}`}
      fontSize={fontSize}
      fontFamily="inherit"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>

      {/* Grid and the count axis. */}
      {layout.yTicks.map((tick) => (
        <g key={tick.label}>
          <line x1={plot.left} x2={plot.right} y1={tick.y} y2={tick.y} stroke="var(--color-line)" strokeWidth={1} />
          <text x={plot.left - 8} y={tick.y + 4} textAnchor="end" fill="var(--color-muted)">
            {tick.label}
          </text>
        </g>
      ))}

      {/* The time axis, marked at the first of the month. */}
      <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke="var(--color-ink)" />
      {layout.xTicks.map((tick) => (
        <g key={tick.label}>
          <line x1={tick.x} x2={tick.x} y1={plot.bottom} y2={plot.bottom + 6} stroke="var(--color-ink)" />
          <text x={tick.x} y={plot.bottom + 22} textAnchor={anchorFor(tick.x)} fill="var(--color-muted)">
            {tick.label}
          </text>
        </g>
      ))}

      {layout.target ? (
        <g>
          <line
            x1={plot.left}
            x2={plot.right}
            y1={layout.target.y}
            y2={layout.target.y}
            stroke="var(--color-ink)"
            strokeWidth={2}
            strokeDasharray="8 5"
          />
          {/* Above the line, at the end away from the marker so the two labels never meet. */}
          <text
            x={markerOnLeft ? plot.right : plot.left + 4}
            y={layout.target.y - 8}
            textAnchor={markerOnLeft ? "end" : "start"}
            fill="var(--color-ink)"
            fontWeight={600}
          >
            {layout.target.label}
          </text>
        </g>
      ) : null}

      {layout.projectionLine ? (
        <path d={layout.projectionLine} fill="none" stroke="var(--color-muted)" strokeWidth={2} strokeDasharray="3 5" />
      ) : null}

      <path d={layout.line} fill="none" stroke="var(--color-brand-700)" strokeWidth={3} strokeLinejoin="round" />

      {marker ? (
        <g>
          <line
            x1={marker.x}
            x2={marker.x}
            y1={marker.y}
            y2={plot.bottom}
            stroke="var(--color-muted)"
            strokeWidth={1}
            strokeDasharray="3 4"
          />
          <circle cx={marker.x} cy={marker.y} r={6} fill="white" stroke="var(--color-brand-800)" strokeWidth={3} />
          <text
            x={markerOnLeft ? marker.x + 10 : marker.x - 10}
            y={marker.y - 8}
            textAnchor={markerOnLeft ? "start" : "end"}
            fill="var(--color-brand-800)"
            fontWeight={600}
          >
            {marker.label}
          </text>
        </g>
      ) : null}
    </svg>
  );
}
