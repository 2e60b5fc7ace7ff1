// Shared by the programme tests.

/** The issue's example, exactly: these field names are fixed. */
export const ISSUE_EXAMPLE = {
  routines: [
    {
      id: 'my-programme',
      name: 'My programme',
      exercises: ['neutral-spine-brace', { exercise: 'bird-dog', dose: { reps: 8, holdSeconds: 5 } }],
      sessionsPerWeek: 3,
      painRules: { stopAt: 7, skipAboveStartBy: 1, painSkipsToEnd: 2, acceptableDuring: 5 },
      progression: [{ exercise: 'bird-dog', step: { holdSeconds: 1 }, afterSessions: 2, ifPainAtMost: 3, cap: { holdSeconds: 10 }, stepBackAfterPainStop: true }],
      review: '2027-01-15',
    },
  ],
};
