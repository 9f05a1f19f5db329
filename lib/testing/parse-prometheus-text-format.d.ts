// Types for the test-only parser of the Prometheus text format (the package ships none).
declare module "parse-prometheus-text-format" {
  type Labels = Record<string, string>;
  export interface PrometheusFamily {
    name: string;
    help: string;
    type: "COUNTER" | "GAUGE" | "HISTOGRAM" | "SUMMARY" | "UNTYPED";
    metrics: { labels?: Labels; value?: string; buckets?: Record<string, string>; count?: string; sum?: string }[];
  }
  export default function parsePrometheusTextFormat(text: string): PrometheusFamily[];
}
