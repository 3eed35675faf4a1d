/** The judge: one list of checks, evaluated in Node on recorded exchanges and rendered for the collection. */
export { describeAnswer, isDropped } from './answers.js';
export { CHECKS, NO_ECHO_NAME, ROBUSTNESS_CHECK } from './checks.js';
export { echoSecrets } from './echo.js';
export type { Answer, CaseExchange, HeaderPair, LivenessProbe, RecordedResponse, StepExchange } from './exchange.js';
export { judgeCase, type JudgedCase } from './judge-case.js';
export { casePlan, secondRequestHeaders, type CasePlan, type SecondRequest } from './plan.js';
export { caseCheckLines, echoCheckLines, SCHEMA_VARIABLE_PREFIX } from './postman.js';
export { plannedChecks, type PlannedCheck } from './planned-checks.js';
export { duplicateIds, testName, type CheckDefinition, type JudgeContext } from './check-definition.js';
export { stepDone } from './steps.js';
export { BASIC_REALM, MIN_ECHO_LENGTH, PER_REQUEST_HEADERS, statusList } from './wording.js';
