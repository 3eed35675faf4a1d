/** The judge: one registry of checks, evaluated in Node on recorded exchanges and rendered for the collection. */
export { describeAnswer, isDropped } from './answers.js';
export { echoSecrets, NO_ECHO_NAME, ROBUSTNESS_CHECK } from './checks.js';
export type { Answer, CaseExchange, HeaderPair, LivenessProbe, RecordedResponse, StepExchange } from './exchange.js';
export { judgeCase, type JudgedCase } from './judge-case.js';
export { casePlan, secondRequestHeaders, type CasePlan, type SecondRequest } from './plan.js';
export { caseCheckLines, echoCheckLines, SCHEMA_VARIABLE_PREFIX } from './postman.js';
export { plannedChecks, type PlannedCheck } from './planned-checks.js';
export { registeredChecks, testName, type JudgeContext } from './registry.js';
export { stepDone } from './steps.js';
export { BASIC_REALM, MIN_ECHO_LENGTH, PER_REQUEST_HEADERS, statusList } from './wording.js';
