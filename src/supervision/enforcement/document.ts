/**
 * The warning letter and the breach or recall report as documents, pure: made only from recorded facts
 * (the failures with their dates, warnings given, the reasons, tier, RoSH, the order and its requirements).
 * platform/pdf lays them out.
 */
import type { DocumentSpec } from '../../platform/pdf/document.ts';
import { formatDate } from '../../platform/views/render.ts';

export interface WarningFacts {
  person: { name: string; crn: string; address: string[] };
  order: { name: string; sentencedOn: string };
  failure: { date: string; what: string };
  issuedOn: string;
  warningCoversUntil: string;
  officer: string;
  pdu: string | null;
}

export const ORDER_NAMES: Record<string, string> = {
  community_order: 'community order', suspended_sentence_order: 'suspended sentence order', custody: 'licence',
};

export function warningLetter(f: WarningFacts): DocumentSpec {
  return {
    letterhead: { organisation: 'Throughline Probation Service', lines: f.pdu ? [f.pdu] : [] },
    title: 'Warning: failure to comply with your order',
    reference: [
      ['To', [f.person.name, ...f.person.address].join(', ')],
      ['CRN', f.person.crn],
      ['Order', `${f.order.name} made on ${formatDate(f.order.sentencedOn)}`],
      ['Date of this warning', formatDate(f.issuedOn)],
    ],
    sections: [
      {
        heading: 'What happened',
        paragraphs: [`On ${formatDate(f.failure.date)} you failed to comply with your ${f.order.name}: ${f.failure.what}. You did not give a reasonable excuse.`],
      },
      {
        heading: 'This is a formal warning',
        paragraphs: [
          'This failure is unacceptable. This letter is a formal warning under the Sentencing Act 2020, Schedule 10, paragraph 6, and it is recorded on your file.',
          `If you fail to comply again without a reasonable excuse within the next 12 months, that is on or before ${formatDate(f.warningCoversUntil)}, you will be returned to court, which may deal with you again for the original offence.`,
          'If you cannot attend an appointment, contact your probation officer before it and be ready to show evidence of the reason.',
        ],
      },
      { heading: 'Signed', facts: [['Probation officer', f.officer], ['Date', formatDate(f.issuedOn)]] },
    ],
    footer: `OFFICIAL-SENSITIVE. Warning letter for ${f.person.name} (${f.person.crn})`,
    meta: { title: `Warning letter: ${f.person.name} (${f.person.crn})`, author: f.officer },
  };
}

export interface DecisionReportFacts {
  kind: 'breach' | 'recall';
  person: { name: string; crn: string; dateOfBirth: string };
  order: { name: string; sentencedOn: string; startDate: string; expectedEndOn: string; requirements: string[] };
  tier: string | null;
  rosh: { overall: string; completedOn: string } | null;
  failures: { date: string; what: string }[];
  warnings: { issuedOn: string; failureOn: string; by: string }[];
  failureOn: string;
  reasons: string;
  recallType: 'standard' | 'fixed_term' | null;
  proposedBy: string;
  proposedOn: string;
  countersigned: { by: string; on: string; reasons: string | null } | null;
  deadlineOn: string | null;
  laidOn: string | null;
  outcome: { text: string; on: string; notes: string | null } | null;
  pdu: string | null;
}

export function decisionReport(f: DecisionReportFacts): DocumentSpec {
  const title = f.kind === 'breach' ? 'Breach report' : 'Recall report';
  const reference: [string, string][] = [
    ['Name', f.person.name], ['CRN', f.person.crn], ['Date of birth', formatDate(f.person.dateOfBirth)],
    ['Order', `${f.order.name} made on ${formatDate(f.order.sentencedOn)}, ends ${formatDate(f.order.expectedEndOn)}`],
    ['Tier', f.tier ?? 'Not calculated'],
    ['Risk of serious harm', f.rosh ? `${f.rosh.overall} (assessed ${formatDate(f.rosh.completedOn)})` : 'Not assessed'],
  ];
  if (f.kind === 'recall') reference.push(['Recall type proposed', f.recallType === 'fixed_term' ? 'Fixed-term' : 'Standard']);
  if (f.deadlineOn) reference.push(['Breach to be laid by', formatDate(f.deadlineOn)]);
  return {
    letterhead: { organisation: 'Throughline Probation Service', lines: f.pdu ? [f.pdu] : [] },
    title,
    reference,
    sections: [
      { heading: 'The order and its requirements', paragraphs: [f.order.requirements.length ? f.order.requirements.join('\n') : 'No requirements recorded.'] },
      {
        heading: `Failures to comply since ${formatDate(f.order.startDate)}`,
        ...(f.failures.length ? { table: { head: ['Date', 'What happened'], rows: f.failures.map((x) => [formatDate(x.date), x.what]) } } : { paragraphs: ['None recorded.'] }),
      },
      {
        heading: 'Warnings given',
        ...(f.warnings.length ? { table: { head: ['Given on', 'For the failure on', 'By'], rows: f.warnings.map((w) => [formatDate(w.issuedOn), formatDate(w.failureOn), w.by]) } } : { paragraphs: ['No warning has been given.'] }),
      },
      { heading: `Reasons for the proposal (failure on ${formatDate(f.failureOn)})`, paragraphs: f.reasons.split(/\n+/).filter(Boolean) },
      {
        heading: 'Decision',
        facts: [
          ['Proposed by', `${f.proposedBy}, ${formatDate(f.proposedOn)}`],
          ['Countersigned by', f.countersigned ? `${f.countersigned.by}, ${formatDate(f.countersigned.on)}` : 'Not yet countersigned'],
          ...(f.countersigned?.reasons ? [['Senior officer\'s reasons', f.countersigned.reasons] as [string, string]] : []),
          ...(f.laidOn ? [['Laid before the court', formatDate(f.laidOn)] as [string, string]] : []),
          ...(f.outcome ? [['Outcome', `${f.outcome.text}, ${formatDate(f.outcome.on)}${f.outcome.notes ? `: ${f.outcome.notes}` : ''}`] as [string, string]] : []),
        ],
      },
    ],
    footer: `OFFICIAL-SENSITIVE. ${title} for ${f.person.name} (${f.person.crn})`,
    meta: { title: `${title}: ${f.person.name} (${f.person.crn})`, author: f.proposedBy },
  };
}
