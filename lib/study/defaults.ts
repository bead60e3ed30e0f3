// What the call for agencies announced; the schema's defaults for the Study row are the same.
// Pages fall back on these only before the study has been set up.
export const STUDY_DEFAULTS = {
  name: "Connecting People pilot",
  agenciesToSelect: 12,
  workerTrainingDays: 3,
  supervisorExtraDays: 2,
  followUpMonths: 9,
  participantTarget: 240,
} as const;
