/**
 * The lab seed as adminapi element trees, in the element order the product
 * returns (apis.md 5.1), plus generated .wav files for the seed prompts,
 * keyed by their path in the prompt repository ('/en_US/welcome.wav').
 */
import type { LabSeed } from '../seed';
import { type EntityName, type Tree, adminPath } from './model';
import { referenceTo } from './schema';
import { createToneWav } from './wav';

export interface SeedObject {
  entity: EntityName;
  id: string;
  tree: Tree;
}

const WORKING_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];

export function seedTrees(seed: LabSeed): { objects: SeedObject[]; promptAudio: Map<string, Buffer> } {
  const objects: SeedObject[] = [];
  const add = (entity: EntityName, id: string | number, tree: Tree) => objects.push({ entity, id: String(id), tree });

  for (const group of seed.resourceGroups) {
    add('resourceGroup', group.id, { self: adminPath('resourceGroup', String(group.id)), id: group.id, name: group.name });
  }
  for (const skill of seed.skills) {
    add('skill', skill.skillId, { self: adminPath('skill', String(skill.skillId)), skillId: skill.skillId, skillName: skill.skillName });
  }

  // A slightly different tone per prompt, so files are told apart by content.
  // Seed prompts are in the en_US language folder; de_DE has its own recording of the first one.
  const promptAudio = new Map(seed.prompts.map((prompt, index) => [`/en_US/${prompt.name}`, createToneWav(prompt.durationMs, 400 + 40 * index)]));
  const first = seed.prompts[0];
  if (first) promptAudio.set(`/de_DE/${first.name}`, createToneWav(first.durationMs + 300, 330));

  for (const calendar of seed.calendars) {
    // The schedule shape is the lab's own [U]; a part-time calendar gets office hours and two holidays.
    const partTime = calendar.calendarType === 'PARTTIME';
    add('calendar', calendar.id, {
      self: adminPath('calendar', String(calendar.id)),
      id: calendar.id,
      name: calendar.name,
      timeZone: calendar.timeZone,
      description: calendar.description,
      calendarType: calendar.calendarType,
      workingDays: { workingDay: partTime ? WORKING_DAYS.map((day) => ({ day, startTime: '08:00', endTime: '18:00' })) : [] },
      holidays: {
        holiday: partTime
          ? [
              { date: '2025-12-25', description: 'Christmas Day' },
              { date: '2026-01-01', description: "New Year's Day" },
            ]
          : [],
      },
    });
  }

  for (const csq of seed.csqs) {
    const tree: Tree = {
      self: adminPath('csq', String(csq.id)),
      id: csq.id,
      name: csq.name,
      queueType: csq.queueType,
      routingType: csq.routingType,
      queueAlgorithm: csq.queueAlgorithm,
      autoWork: csq.autoWork,
      wrapupTime: csq.wrapupTime,
      resourcePoolType: csq.resourcePoolType,
      serviceLevel: csq.serviceLevel,
      serviceLevelPercentage: csq.serviceLevelPercentage,
      poolSpecificInfo: {
        skillGroup: {
          skillCompetency: csq.skills.map((skill) => ({
            competencelevel: skill.competencelevel,
            skillNameUriPair: referenceTo('skill', String(skill.skillId)),
            weight: skill.weight,
          })),
          selectionCriteria: csq.selectionCriteria,
        },
      },
    };
    if (csq.promptFile) tree.prompt = referenceTo('prompt', csq.promptFile);
    add('csq', csq.id, tree);
  }

  // Teams before resources: resources reference their team, teams their supervisors (trusted while seeding).
  for (const team of seed.teams) {
    const tree: Tree = { self: adminPath('team', String(team.teamId)), teamId: team.teamId, teamname: team.teamname };
    if (team.primarySupervisor) tree.primarySupervisor = referenceTo('resource', team.primarySupervisor);
    tree.secondarySupervisors = { secondrySupervisor: team.secondarySupervisors.map((userID) => referenceTo('resource', userID)) };
    tree.csqs = { csq: team.csqIds.map((csqId) => referenceTo('csq', String(csqId))) };
    add('team', team.teamId, tree);
  }

  seed.agents.forEach((agent, index) => {
    const tree: Tree = {
      self: adminPath('resource', agent.userID),
      resourceId: index + 1,
      userID: agent.userID,
      firstName: agent.firstName,
      lastName: agent.lastName,
      extension: agent.extension,
      alias: agent.alias,
    };
    if (agent.resourceGroupId !== null) tree.resourceGroup = referenceTo('resourceGroup', String(agent.resourceGroupId));
    tree.skillMap = {
      skillCompetency: agent.skills.map((skill) => ({
        competencelevel: skill.competencelevel,
        skillNameUriPair: referenceTo('skill', String(skill.skillId)),
      })),
    };
    tree.autoAvailable = agent.autoAvailable;
    tree.type = agent.type;
    tree.team = referenceTo('team', String(agent.teamId));
    add('resource', agent.userID, tree);
  });

  for (const application of seed.applications) {
    add('application', application.applicationName, {
      self: adminPath('application', application.applicationName),
      ScriptApplication: {
        script: application.scriptName,
        scriptParams: application.scriptParams.map((parameter) => ({ name: parameter.name, value: parameter.value, type: parameter.type })),
      },
      id: application.id,
      applicationName: application.applicationName,
      type: application.type,
      description: application.description,
      maxsession: application.maxsession,
      enabled: application.enabled,
    });
  }

  return { objects, promptAudio };
}
