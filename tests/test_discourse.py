"""The discourse model itself, on small articles: mention chains, number and gender evidence with their sources,
quotations keeping their own speakers and first person, British collective plurals, and `explain --entities`."""

from __future__ import annotations

from conftest import cli_json, lint, run_cli

from linter.analysis.discourse import GROUP, ORGANISATION, PERSON, PLURAL, SINGULAR, discourse
from linter.readers import parse


def model_of(text: str):
    doc = parse("article.md", text)
    doc.nlp_components = frozenset({"parser", "ner"})
    return discourse(doc)


def entity(model, name: str):
    return next(e for e in model.entities if e.name == name)


def test_a_person_is_one_chain_of_full_name_surname_and_bound_pronouns():
    model = model_of(
        "Harbour secretary Ms. Ana Ruiz said the wall would be rebuilt.\n\n"
        "Ruiz said the work would start in May. She expects it to take a year.\n"
    )
    ruiz = entity(model, "Ana Ruiz")
    assert ruiz.kind == PERSON
    assert [(m.line, m.text, m.kind) for m in ruiz.mentions] == [
        (1, "Ms. Ana Ruiz", "name"),
        (3, "Ruiz", "name"),
        (3, "She", "pronoun"),
    ]
    assert [m.role for m in ruiz.mentions] == ["subject", "subject", "subject"]


def test_gender_evidence_keeps_its_source_and_strength():
    model = model_of(
        "Mr. Haldane runs the ferry office.\n\n"
        "Marta Lind, a grandmother of three, runs the cafe. She opened it in 1990.\n\n"
        "Okafor Brandt, who chairs the board, said he would resign.\n"
    )
    assert [(e.value, e.source, e.strength) for e in entity(model, "Haldane").gender_evidence] == [
        ("male", "honorific 'Mr.'", 1.0)
    ]
    lind = entity(model, "Marta Lind").gender_evidence
    assert ("female", "'grandmother'", 0.9) in [(e.value, e.source, e.strength) for e in lind]
    assert ("female", "first name 'Marta'", 0.6) in [(e.value, e.source, e.strength) for e in lind]
    brandt = entity(model, "Okafor Brandt")
    assert [(e.value, e.source, e.line) for e in brandt.gender_evidence] == [("male", "pronoun 'he'", 5)]


def test_an_ambiguous_first_name_gives_no_gender():
    model = model_of("Casey Moreau opened the bakery in March. Robin Hale runs it.\n")
    assert entity(model, "Casey Moreau").gender_evidence == entity(model, "Robin Hale").gender_evidence == []


def test_number_from_morphology_coordination_and_agreement():
    model = model_of(
        "The authority is concerned about the harbour. Growers said the United States and Japan had met.\n"
    )
    authority = entity(model, "authority")
    assert authority.kind == ORGANISATION
    assert [(e.value, e.source) for e in authority.number_evidence] == [(SINGULAR, "singular verb 'is'")]
    growers = entity(model, "Growers")
    assert growers.kind == GROUP and growers.mentions[0].number == PLURAL
    pair = entity(model, "United States and Japan")
    assert pair.kind == GROUP and pair.mentions[0].number == PLURAL


def test_dates_sums_and_numbers_are_never_candidates():
    model = model_of("The mayor's office spent $40 million over 20 years.\n\nThey said the bill was fair.\n")
    names = {c.entity.name for r in model.pronouns.values() for c in r.candidates}
    assert "years" not in names and "million" not in names
    assert [
        f.excerpt for f in lint("The ferry ran for two hours.\n\nThey said it was late.\n", "unresolved-pronoun")
    ] == ["They"]


def test_quotations_keep_their_speakers_and_first_person():
    model = model_of(
        'Ms. Imrie thanked the crew. "We told him to wait," she said.\n\nRuiz said: "I will not sign it."\n'
    )
    resolved = {r.token.text for r in model.pronouns.values()}
    assert "We" not in resolved and "him" not in resolved and "I" not in resolved
    assert "she" in resolved
    speakers = [(q.speaker.name if q.speaker else None) for q in model.quotes]
    assert speakers[0] == "Imrie"


def test_a_speaker_tag_is_not_about_someone_named_inside_its_quotation():
    text = 'The yard reopened on Monday. "Ms. Pell was very patient," he said.\n'
    assert lint(text, "pronoun-gender") == []
    assert [f.excerpt for f in lint('Mr. Osei said he was pleased. "It went well," she said.\n', "pronoun-gender")] == [
        "she"
    ]


def test_british_collective_plurals_are_accepted_under_en_gb():
    text = "Celtic won their match on Saturday.\n\nThe council said they would appeal.\n"
    british = {"pronoun-number": {"language": "en-GB"}}
    assert [f.excerpt for f in lint(text, "pronoun-number")] == ["their", "they"]
    assert lint(text, "pronoun-number", options=british) == []
    mixed = "The council has said it will look again. The council said they would appeal.\n"
    assert [f.excerpt for f in lint(mixed, "pronoun-number", options=british)] == ["they"]


def test_the_salient_subject_wins_over_a_plural_further_back():
    text = (
        "Farmers have blocked roads around the capital since April.\n\n"
        "Norland Mills has long argued that their growers face unfair competition.\n"
    )
    findings = lint(text, "pronoun-number")
    assert [f.excerpt for f in findings] == ["their"]
    assert findings[0].message.startswith('"their" refers back to "Norland Mills" (singular, organisation) in line 3')
    assert 0.5 <= findings[0].confidence <= 1.0
    parallel = "Officials said all four were released. The ministry said they had been questioned.\n"
    assert lint(parallel, "pronoun-number") == []


def test_explain_entities_prints_the_model(tmp_path):
    article = tmp_path / "story.md"
    article.write_text("Ms. Okafor chairs the port authority. She said his staff had worked all night.\n")
    result = run_cli("explain", "--entities", str(article))
    assert result.exit_code == 0
    out = result.stdout
    assert "  Okafor: person (title 'Ms.')\n    gender female: honorific 'Ms.' in line 1, strength 1.0\n" in out
    assert "    line 1: 'She' (pronoun, subject, singular)\n" in out
    assert "  line 1: 'his'\n    'Ms. Okafor' (line 1), salience" in out
    assert "not: female by honorific 'Ms.' in line 1" in out
    missing = run_cli("explain", "--entities", str(tmp_path / "nope.md"))
    assert missing.exit_code == 2 and "nope.md: no such file or folder" in missing.stderr
    assert run_cli("explain").exit_code == 2


def test_a_finding_names_its_antecedent_as_a_related_span(tmp_path):
    article = tmp_path / "story.md"
    article.write_text("Brannock Shipping, which runs ferries, said they had diverted two ships.\n")
    (finding,) = cli_json("check", "--select", "pronoun-number", str(article))["findings"]
    assert finding["excerpt"] == "they"
    assert [(r["excerpt"], r["message"]) for r in finding["related"]] == [
        ("Brannock Shipping", "the antecedent: Brannock Shipping")
    ]


def test_name_mentions_are_mentions_of_the_model_people_with_their_name_parts():
    model = model_of(
        "Harbour secretary Ms. Ana Ruiz said the wall would be rebuilt. County Clerk Ramona Ibsen agreed.\n\n"
        "Ruiz said the work would start in May. Ms. Ruiz thanked Tom Bell and Anna Bell.\n\n"
        "Bell said the council would pay.\n"
    )
    written = [
        (m.line, m.span[0].text[m.span[1] : m.span[2]], m.name.style, m.name.honorific, m.entity and m.entity.name)
        for m in model.names
    ]
    assert written == [
        (1, "Ms. Ana Ruiz", "full", "Ms", "Ana Ruiz"),
        (1, "County Clerk Ramona Ibsen", "full", None, "County Clerk Ramona Ibsen"),
        (3, "Ruiz", "bare", None, "Ana Ruiz"),
        (3, "Ms. Ruiz", "honorific", "Ms", "Ana Ruiz"),
        (3, "Tom Bell", "full", None, "Tom Bell"),
        (3, "Anna Bell", "full", None, "Anna Bell"),
        (5, "Bell", "bare", None, None),  # two people share the surname: no one's
    ]
    ruiz = entity(model, "Ana Ruiz")
    assert ruiz.name_mentions[0] is ruiz.mentions[0]  # the run of proper nouns is the name mention
    ibsen = model.names[1].name
    assert (ibsen.given, ibsen.title) == ("Ramona", "County Clerk")
    assert model.shared_surnames == {"Bell"}
    assert [p.name for p in model.named_people()] == ["Ana Ruiz", "County Clerk Ramona Ibsen"]


def test_a_surname_used_before_the_full_name_is_a_mention_of_that_person():
    model = model_of("Okonjo opened the hall on Monday.\n\nDelphine Okonjo, the mayor, said it was late.\n")
    okonjo = entity(model, "Delphine Okonjo")
    assert [(m.line, m.text, m.name.style) for m in okonjo.name_mentions] == [
        (1, "Okonjo", "bare"),
        (3, "Delphine Okonjo", "full"),
    ]


def test_explain_entities_shows_what_the_name_rules_compare(tmp_path):
    article = tmp_path / "story.md"
    article.write_text("Mira Holt and Aaron Holt run the yard. Ms. Sauer met them.\n\nHolt said Sauer was late.\n")
    out = run_cli("explain", "--entities", str(article)).stdout
    assert "    line 1: 'Ms. Sauer' (name, subject, singular, honorific name; surname 'Sauer'; honorific 'Ms')\n" in out
    assert "line 3: 'Sauer' (name, subject, singular, bare name; surname 'Sauer')\n" in out
    assert "names two people share (Holt), left to no one:\n  line 3: 'Holt' (name, subject, singular, bare name" in out
