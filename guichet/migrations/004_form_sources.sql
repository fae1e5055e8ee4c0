-- Where each form value came from ("message 2 de l'usager", "dossier caf", "valeur par
-- défaut"): shown to the officer with the evidence, so a corrected value can be checked
-- against the message that corrected it.
alter table case_procedures add column sources jsonb not null default '{}';
