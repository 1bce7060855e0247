/**
 * A version of a pre-sentence report as a court document, pure: the letterhead, the reference block,
 * the writer's sections, the risk as the record held it (pulled, never typed) and the proposal with each
 * requirement's availability and earliest start. platform/pdf lays it out.
 */
import type { DocumentSection, DocumentSpec } from '../platform/pdf/document.ts';
import { formatDate } from '../platform/views/render.ts';
import { SECTIONS, type Draft, type ProposalSnapshot, type RiskSnapshot } from './content.ts';
import { REPORT_TYPE_NAMES, type ReportType } from './status.ts';

export interface DocumentFacts {
  person: { name: string; crn: string; dateOfBirth: string; offences: { description: string; offence_date: string; main: boolean }[] };
  report: { type: ReportType; court: string; hearingOn: string; eventNumber: number };
  pdu: { name: string } | null;
  version: number;
  author: string;
  submittedOn: string;
  countersigned: { by: string; on: string } | null;
}

const paragraphs = (text: string) => text.split(/\n+/).map((line) => line.trim()).filter(Boolean);
const months = (n: number | null) => (n === null ? '' : `${n} month${n === 1 ? '' : 's'}`);

export function riskSections(risk: RiskSnapshot): DocumentSection[] {
  const facts: [string, string][] = [];
  if (risk.rosh) {
    facts.push(['Risk of serious harm (overall)', `${risk.rosh.overall} (assessment version ${risk.rosh.version}, ${formatDate(risk.rosh.completedOn)})`]);
    for (const g of risk.rosh.groups) facts.push([g.label, g.level]);
  } else facts.push(['Risk of serious harm', 'Not assessed']);
  facts.push(['Tier', risk.tier ? `${risk.tier.tier} (calculated ${formatDate(risk.tier.calculatedOn)})` : 'Not yet calculated']);
  facts.push(['Active risk flags', risk.flags.length ? risk.flags.map((f) => (f.level ? `${f.name} (${f.level})` : f.name)).join('; ') : 'None']);
  return [
    { heading: `Risk: as recorded on ${formatDate(risk.asOf)}`, facts },
    {
      heading: 'Reoffending predictors',
      ...(risk.scores.length
        ? { table: { head: ['Predictor', 'Score', 'One year', 'Two years', 'Band', 'Calculated'], rows: risk.scores.map((s) => [s.name, s.score === null ? '-' : String(s.score), `${s.oneYearPercent}%`, `${s.twoYearPercent}%`, s.band, formatDate(s.calculatedOn)]) } }
        : { paragraphs: ['No predictor has been calculated for this person yet.'] }),
    },
  ];
}

export function needsSection(risk: RiskSnapshot): DocumentSection {
  if (!risk.needs) return { heading: 'Assessed needs', paragraphs: ['No needs assessment has been completed.'] };
  return {
    heading: `Assessed needs (needs assessment version ${risk.needs.version}, ${formatDate(risk.needs.completedOn)})`,
    table: { head: ['Area', 'Score', 'Need'], rows: risk.needs.sections.map((s) => [s.label, `${s.score} of ${s.max}`, s.level]) },
  };
}

export function proposalSection(p: ProposalSnapshot): DocumentSection[] {
  const facts: [string, string][] = [['Sentence', p.sentence]];
  if (p.sentenceType === 'suspended_sentence_order') {
    facts.push(['Custodial term suspended', months(p.custodialTermMonths)], ['Operational period', months(p.lengthMonths)]);
  } else if (p.lengthMonths !== null) facts.push([p.sentenceType === 'custody' ? 'Custodial term' : 'Length', months(p.lengthMonths)]);
  const sections: DocumentSection[] = [{ heading: 'Proposal', facts, paragraphs: paragraphs(p.reasons) }];
  if (p.requirements.length) {
    sections.push({
      heading: `Requirements: availability and earliest start${p.pdu ? ` in ${p.pdu.name}` : ''}, forecast on ${formatDate(p.forecastOn)}`,
      table: {
        head: ['Requirement', 'Available', 'Earliest start', 'Why'],
        rows: p.requirements.map((r) => {
          const f = r.forecast;
          const name = r.programme ? `${r.name}: ${r.programme.name}` : r.name;
          if (!f) return [name, 'Not known', '-', 'No forecast is available for this area'];
          const why = [f.explanation, f.beyondLimit && f.limitExplanation ? `Beyond limit: ${f.limitExplanation}` : ''].filter(Boolean).join('. ');
          return [name, f.available ? 'Yes' : 'No', f.earliestStartOn ? formatDate(f.earliestStartOn) : '-', why];
        }),
      },
    });
  }
  return sections;
}

export function reportDocument(facts: DocumentFacts, draft: Draft, risk: RiskSnapshot, proposal: ProposalSnapshot): DocumentSpec {
  const notSigned = facts.report.type === 'oral' ? 'Not required (oral report)' : 'Not yet countersigned';
  const reference: [string, string][] = [
    ['Name', facts.person.name],
    ['CRN', facts.person.crn],
    ['Date of birth', formatDate(facts.person.dateOfBirth)],
    ['Court', facts.report.court],
    ['Hearing date', formatDate(facts.report.hearingOn)],
    ['Offences', facts.person.offences.map((o) => `${o.description} (${formatDate(o.offence_date)})`).join('; ') || `Event ${facts.report.eventNumber}`],
    ['Report type', REPORT_TYPE_NAMES[facts.report.type]],
    ['Author', facts.author],
    ['Countersigned by', facts.countersigned ? `${facts.countersigned.by} on ${formatDate(facts.countersigned.on)}` : notSigned],
    ['Version', `${facts.version}, ${formatDate(facts.submittedOn)}`],
  ];
  const [offence, circumstances, riskAnalysis] = SECTIONS.map((s) => ({ heading: s.heading, paragraphs: paragraphs(draft.sections[s.key]) }));
  return {
    letterhead: { organisation: 'Throughline Probation Service', lines: facts.pdu ? [facts.pdu.name] : [] },
    title: 'Pre-sentence report',
    reference,
    sections: [
      offence!,
      circumstances!,
      needsSection(risk),
      ...riskSections(risk),
      riskAnalysis!,
      ...proposalSection(proposal),
      {
        heading: 'Signatures',
        facts: [
          ['Prepared by', `${facts.author}, ${formatDate(facts.submittedOn)}`],
          ['Countersigned by', facts.countersigned ? `Countersigned by ${facts.countersigned.by} on ${formatDate(facts.countersigned.on)}` : notSigned],
        ],
      },
    ],
    footer: `OFFICIAL-SENSITIVE. Pre-sentence report for ${facts.person.name} (${facts.person.crn}), version ${facts.version}`,
    meta: { title: `Pre-sentence report: ${facts.person.name} (${facts.person.crn})`, author: facts.author },
  };
}
