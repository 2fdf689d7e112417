import type { Batch, TelemetryRecord } from './record.js';

/*
 * OTLP/HTTP JSON: the proto3 JSON mapping with OTLP's deviations (opentelemetry-proto
 * docs/specification.md, "JSON Protobuf Encoding"): lowerCamelCase keys, enums as integers,
 * 64-bit integers as decimal strings. We have no trace context, so no traceId/spanId.
 */

type Scalar = string | number | boolean;
type KeyValue = { key: string; value: object };

/** Record fields with an OpenTelemetry semantic-convention name; the rest are prefixed `zc.`. */
const NAMES: Record<string, string> = { id: 'log.record.uid', sid: 'session.id', page: 'url.path' };

/**
 * Attributes from an object's present fields; an object value (`evidence`) is flattened to
 * dotted keys. `t` and `kind` are skipped: they are the record's time and event name.
 */
const attrs = (o: object, prefix = ''): KeyValue[] =>
  Object.entries(o).flatMap(([k, v]: [string, Scalar | object | undefined]) =>
    v == null || k == 't' || k == 'kind'
      ? []
      : typeof v == 'object'
        ? attrs(v, prefix + k + '.')
        : [
            {
              key: NAMES[k] ?? prefix + k,
              // int64 travels as a string; a non-integer number is a double.
              value:
                typeof v == 'string'
                  ? { stringValue: v }
                  : typeof v == 'boolean'
                    ? { boolValue: v }
                    : Number.isInteger(v)
                      ? { intValue: '' + v }
                      : { doubleValue: v },
            },
          ],
  );

/** ms to fixed64 ns by appending digits: exact by construction, where `ms * 1e6` is a float past 2^53. */
const ns = (ms: number) => Math.trunc(ms) + '000000';

const logRecord = (r: TelemetryRecord, sent: string) => {
  const level = r.kind == 'error' ? 2 : r.kind == 'dropped' ? 1 : 0;
  return {
    timeUnixNano: ns(r.t),
    observedTimeUnixNano: sent,
    severityNumber: 9 + 4 * level,
    severityText: ['INFO', 'WARN', 'ERROR'][level],
    eventName: 'zerocall.' + r.kind,
    body: {
      stringValue:
        r.kind == 'error'
          ? r.message
          : r.kind + ' ' + (r.outcome ?? (r.kind == 'signal' ? r.signal : (r.rule ?? r.count + ' ' + r.reason))),
    },
    attributes: attrs(r, 'zc.'),
  };
};

/** The OTLP/HTTP JSON body (ExportLogsServiceRequest) for one batch. */
export function toOtlp(batch: Batch): object {
  const sent = ns(batch.sent);
  return {
    resourceLogs: [
      {
        resource: {
          attributes: attrs({
            'service.name': 'zerocall',
            'telemetry.sdk.name': 'zerocall',
            'telemetry.sdk.language': 'webjs',
            'telemetry.sdk.version': batch.sdk,
          }),
        },
        scopeLogs: [
          {
            scope: { name: 'zerocall', version: batch.sdk, attributes: attrs({ batch: batch.batch, wire: batch.v }, 'zc.') },
            logRecords: batch.events.map((r) => logRecord(r, sent)),
          },
        ],
      },
    ],
  };
}
