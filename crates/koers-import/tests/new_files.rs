//! The four files added for every sector (VO locations, sbo/so/vso, VO exams, coordinates):
//! the real files of `testdata/`, their counts, known schools and masked cells.
#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod common;

use common::*;
use koers_import::*;

fn parsed<T>(result: Result<Parsed<T>, FileError>, name: &str) -> Parsed<T> {
    let parsed = result.unwrap_or_else(|e| panic!("{e}"));
    assert!(parsed.rejected.is_empty(), "{name}: {:?}", parsed.rejected.first());
    assert_eq!(parsed.rejected_total, 0);
    parsed
}

#[test]
fn vo_vestigingen() {
    let table = real_table(DUO_VEST_VO);
    assert_eq!(detect_kind(&table), Some(FileKind::DuoVestigingenVo));
    let p = parsed(parse_duo_vestigingen_vo(&table), DUO_VEST_VO);
    assert_eq!(p.records.len(), 1626);

    let first = &p.records[0];
    assert_eq!((first.line, first.vestigingscode.as_str(), first.instellingscode.as_str()), (2, "18BR00", "18BR"));
    assert_eq!(first.vestigingsnaam, "School voor Praktijkonderwijs Assen");
    assert_eq!((first.bevoegd_gezag_nummer, first.structuren.as_slice()), (Some(10053), &[VoStructuur::Pro][..]));
    assert_eq!((first.postcode.as_deref(), first.gemeentenummer.as_deref()), (Some("9406 NN"), Some("0106")));
    assert_eq!(first.internetadres.as_deref(), Some("www.pro-assen.nl"));
    assert_eq!(first.regios.coropgebied.as_ref().and_then(|r| r.naam.as_deref()), Some("Noord-Drenthe"));
    assert_eq!(first.regios.vakantieregio.as_deref(), Some("Noord"));
    // The second location of the same school: telephone and website are a lone space.
    let second = &p.records[1];
    assert_eq!((second.vestigingscode.as_str(), second.telefoonnummer.as_deref()), ("18BR01", None));
    let post = second.correspondentieadres.as_ref().unwrap();
    assert_eq!((post.straatnaam.as_deref(), post.postcode.as_deref()), (Some("Zwartwatersweg"), Some("9406 NN")));

    let kottenpark = p.records.iter().find(|r| r.vestigingscode == "00AH00").unwrap();
    assert_eq!(
        kottenpark.vestigingsnaam,
        "Het Stedelijk Kottenpark praktijkonderwijs, vmbo, havo, atheneum en gymnasium"
    );
    assert_eq!((kottenpark.plaatsnaam.as_deref(), kottenpark.bevoegd_gezag_nummer.is_some()), (Some("ENSCHEDE"), true));
    let count = |s: &str| p.records.iter().filter(|r| r.onderwijsstructuur == s).count();
    assert_eq!((count("HAVO/VWO"), count("VBO/MAVO"), count("PRO"), count("BRUGJAAR")), (142, 412, 148, 86));
    let with = |s: VoStructuur| p.records.iter().filter(|r| r.structuren.contains(&s)).count();
    assert_eq!(with(VoStructuur::Vwo), 379 + 142 + 124 + 57 + 12 + 2);
    assert!(p.records.iter().all(|r| r.vestigingscode.starts_with(&r.instellingscode)));
}

#[test]
fn sbo_so_vso_per_location() {
    let table = real_table(DUO_SOORT);
    assert_eq!(detect_kind(&table), Some(FileKind::DuoLeerlingenSoortPo));
    let p = parsed(parse_duo_leerlingen_soort_po(&table), DUO_SOORT);
    assert_eq!(p.records.len(), 6970, "7,123 rows, 153 locations with both so and vso");
    let with = |s: SoortPo| p.records.iter().filter(|r| r.has(s)).count();
    assert_eq!(
        (with(SoortPo::Bo), with(SoortPo::Sbo), with(SoortPo::So), with(SoortPo::Vso)),
        (6122, 263, 368, 370),
        "the README's sector counts"
    );
    let special = p.records.iter().filter(|r| r.delen.iter().any(|d| d.soort.is_special())).count();
    assert_eq!(special, 848);
    // So and vso have a cluster (1–4); bo and sbo have `nvt`.
    let clustered = |d: &SoortPoDeel| matches!(d.soort, SoortPo::So | SoortPo::Vso);
    assert!(p.records.iter().flat_map(|r| &r.delen).all(|d| clustered(d) == d.cluster.is_some()));

    let bolster = p.records.iter().find(|r| r.vestigingscode == "00AO00").unwrap();
    assert_eq!((bolster.naam.as_deref(), bolster.bevoegd_gezag_nummer), (Some("De Bolster VSO ZMOK"), Some(40631)));
    assert_eq!((bolster.soorten(), bolster.clusters()), (vec![SoortPo::Vso], vec![4]));
    assert_eq!(bolster.peildatum.as_deref(), Some("2024-10-01"));
    // 10 + 7 + 21 + 27 + 21 + 6 and one `<5`.
    assert_eq!(bolster.leerlingen(), Leerlingen { min: 93, max: 96, masked_cells: 1 });
    let deel = &bolster.delen[0];
    assert_eq!(deel.per_leeftijd.len(), 23);
    assert_eq!((deel.per_leeftijd[0].leeftijd.as_str(), deel.per_leeftijd[22].leeftijd.as_str()), ("jonger", "ouder"));
    let nineteen = &deel.per_leeftijd[16];
    assert_eq!((nineteen.leeftijd.as_str(), nineteen.aantal), ("19", Count::Masked));
    assert_eq!(deel.per_leeftijd[10].aantal, Count::Known(10), "LEEFTIJD_13");

    let kiem = p.records.iter().find(|r| r.vestigingscode == "00KK00").unwrap();
    assert_eq!(kiem.soorten(), [SoortPo::So, SoortPo::Vso]);
    assert_eq!((kiem.clusters(), kiem.line), (vec![3], kiem.delen[0].line));
    assert_eq!(kiem.delen[0].leerlingen.exact(), Some(266));
    assert_eq!(kiem.delen[1].leerlingen, Leerlingen { min: 5, max: 20, masked_cells: 5 });
    assert_eq!(kiem.hoofdsoort(), Some(SoortPo::So));

    let wereldwijs = p.records.iter().find(|r| r.vestigingscode == "00AP00").unwrap();
    assert_eq!((wereldwijs.hoofdsoort(), wereldwijs.clusters()), (Some(SoortPo::Bo), vec![]));
    let exact = p.records.iter().flat_map(|r| &r.delen).filter(|d| d.leerlingen.exact().is_some()).count();
    assert_eq!(exact, 2088);
    let sbo = p.records.iter().flat_map(|r| &r.delen).filter(|d| d.soort == SoortPo::Sbo);
    let (min, max) = sbo.fold((0, 0), |(a, b), d| (a + d.leerlingen.min, b + d.leerlingen.max));
    assert_eq!((min, max), (32_565, 33_936));
}

#[test]
fn vo_exam_records() {
    let table = real_table(DUO_EXAMENS);
    assert_eq!(detect_kind(&table), Some(FileKind::DuoExamensVo));
    let p = parsed(parse_duo_examens_vo(&table), DUO_EXAMENS);
    assert_eq!(p.records.len(), 13_041);
    let first = &p.records[0];
    assert_eq!((first.vestigingscode.as_str(), first.naam.as_deref()), ("00AH00", Some("Het Stedelijk Kottenpark")));
    assert_eq!(
        (first.afdeling, first.inspectiecode, first.opleidingsnaam.as_str()),
        (Afdeling::Havo, Some(50), "HAVO - N&T")
    );
    let years: Vec<(&str, &str)> =
        first.jaren.iter().map(|y| (y.schooljaar.as_str(), y.school_year_code.as_str())).collect();
    assert_eq!(
        years,
        [
            ("2020-2021", "2021"),
            ("2021-2022", "2122"),
            ("2022-2023", "2223"),
            ("2023-2024", "2324"),
            ("2024-2025", "2425")
        ]
    );
    // `<5;<5;50.0` for the men of 2020-2021, 5 candidates and `<5` passes at 60.0% in total.
    let y = &first.jaren[0];
    let man = y.man.unwrap();
    assert_eq!((man.kandidaten, man.geslaagden, man.slaagpercentage), (Count::Masked, Count::Masked, Some(50.0)));
    assert_eq!(man.possible(), [(2, 1), (4, 2)]);
    assert_eq!((y.totaal.kandidaten, y.totaal.geslaagden), (Count::Known(5), Count::Masked));
    assert_eq!(y.totaal.possible(), [(5, 3)]);

    let per = |a: Afdeling| p.records.iter().filter(|r| r.afdeling == a).count();
    assert_eq!(per(Afdeling::Havo) + per(Afdeling::Vwo), 3280 + 3450);
    assert_eq!(per(Afdeling::VmboB), 298 + 268 + 256 + 248 + 109 + 143 + 122 + 93 + 79 + 65 - 1, "B and LWT");
    assert_eq!(per(Afdeling::VmboB) + per(Afdeling::VmboK) + per(Afdeling::VmboGt), 6311);
    let masked: usize = p.records.iter().flat_map(|r| &r.jaren).map(|y| y.totaal.masked() as usize).sum();
    assert!(masked > 20_000, "{masked}");
}

#[test]
fn vo_exam_trend_per_location_and_afdeling() {
    let p = parsed(parse_duo_examens_vo(&real_table(DUO_EXAMENS)), DUO_EXAMENS);
    let trends = exam_trends(&p.records);
    assert_eq!(trends.len(), 1232);
    let all_years = trends.iter().flat_map(|t| &t.years);
    let count = |m: Masking| all_years.clone().filter(|y| y.masking == m).count();
    assert_eq!(
        (count(Masking::Exact), count(Masking::Recovered), count(Masking::Estimated), count(Masking::NoCandidates)),
        (1175, 268, 4307, 410)
    );

    // Every count published, every year: the sums are exact.
    let zwering = trends.iter().find(|t| t.vestigingscode == "00AH08").unwrap();
    let sums: Vec<(Option<u32>, Option<u32>)> =
        zwering.years.iter().map(|y| (y.candidates.exact(), y.passes.exact())).collect();
    let expected = [(76, 68), (80, 79), (68, 62), (89, 75), (51, 46)].map(|(c, p)| (Some(c), Some(p)));
    assert_eq!(sums, expected);
    assert!(
        zwering.years.iter().all(|y| y.masking == Masking::Exact && y.masking_nl() == "alle aantallen gepubliceerd")
    );
    assert_eq!(zwering.years[0].pass_rate, Some(100.0 * 68.0 / 76.0));

    // Kottenpark, havo and vwo, 12 programmes: masked cells bound the sums and the rate.
    let kottenpark = trends.iter().find(|t| t.vestigingscode == "00AH00").unwrap();
    let y = &kottenpark.years[0];
    assert_eq!((y.candidates, y.passes), (Span { min: 170, max: 173 }, Span { min: 154, max: 157 }));
    assert_eq!((y.masked_cells, y.recovered_cells, y.masking), (5, 3, Masking::Estimated));
    let (lo, rate, hi) = (y.pass_rate_min.unwrap(), y.pass_rate.unwrap(), y.pass_rate_max.unwrap());
    assert!(lo <= rate && rate <= hi && hi - lo < 2.5, "{lo} {rate} {hi}");
    assert!(lo >= 100.0 * 154.0 / 173.0 && hi <= 100.0 * 157.0 / 170.0);
    assert!(y.masking_nl().starts_with("5 afgeschermde aantallen (<5), waarvan 3 exact herleid"), "{}", y.masking_nl());
    let afdelingen: Vec<Afdeling> = kottenpark.afdelingen.iter().map(|a| a.afdeling).collect();
    assert_eq!(afdelingen, [Afdeling::Havo, Afdeling::Vwo]);
    // The afdelingen add up to the location.
    for (i, year) in kottenpark.years.iter().enumerate() {
        let sum = |f: fn(&PassRateYear) -> Span| {
            kottenpark.afdelingen.iter().map(|a| f(&a.years[i])).fold((0, 0), |(a, b), s| (a + s.min, b + s.max))
        };
        assert_eq!(sum(|y| y.candidates), (year.candidates.min, year.candidates.max));
        assert_eq!(sum(|y| y.passes), (year.passes.min, year.passes.max));
    }
    // Bounds always hold and an exact year has one rate.
    for y in trends.iter().flat_map(|t| t.years.iter().chain(t.afdelingen.iter().flat_map(|a| &a.years))) {
        match (y.pass_rate_min, y.pass_rate, y.pass_rate_max) {
            (Some(lo), Some(rate), Some(hi)) => assert!(lo <= rate + 1e-9 && rate <= hi + 1e-9, "{y:?}"),
            (None, None, None) => assert_eq!(y.masking, Masking::NoCandidates),
            other => panic!("{other:?}"),
        }
        if y.masking != Masking::Estimated {
            assert_eq!(y.pass_rate_min, y.pass_rate_max);
        }
    }
}

#[test]
fn school_locations_with_coordinates() {
    let table = real_table(GEO);
    assert_eq!(detect_kind(&table), Some(FileKind::ScholenGeo));
    let p = parsed(parse_scholen_geo(&table), GEO);
    assert_eq!(p.records.len(), 8717);
    let aida = &p.records[0];
    assert_eq!((aida.vestigingscode.as_str(), aida.brin.as_str(), aida.naam.as_str()), ("32DD00", "32DD", "Aida"));
    assert_eq!((aida.soort, aida.type_label.as_str()), (LocatieSoort::Bo, "basisschool"));
    assert_eq!((aida.lon, aida.lat), (4.332230129796609, 52.066957459650574));
    assert_eq!(
        (aida.plaats.as_deref(), aida.internetadres.as_deref(), aida.leerlingen),
        (Some("'s-Gravenhage"), None, None)
    );
    let count = |s: LocatieSoort| p.records.iter().filter(|r| r.soort == s).count();
    assert_eq!(
        [
            LocatieSoort::Bo,
            LocatieSoort::Sbo,
            LocatieSoort::SoVso,
            LocatieSoort::So,
            LocatieSoort::Vso,
            LocatieSoort::Vo
        ]
        .map(count),
        [6182, 268, 432, 111, 84, 1640]
    );
    let jutter = p.records.iter().find(|r| r.vestigingscode == "14DC06").unwrap();
    assert_eq!(
        (jutter.naam.as_str(), jutter.vo_structuren.as_slice()),
        ("VMBO \"De Jutter\" Vlieland", &[VoStructuur::Vbo, VoStructuur::Mavo][..])
    );
    assert_eq!(jutter.leerlingen, Some(16));
    // A vestiging with several buildings has a record per building.
    let touwladder: Vec<_> = p.records.iter().filter(|r| r.vestigingscode == "14YX00").collect();
    assert_eq!(touwladder.len(), 2);
    assert_ne!(touwladder[0].huisnummer, touwladder[1].huisnummer);
    let distinct: std::collections::HashSet<&str> = p.records.iter().map(|r| r.vestigingscode.as_str()).collect();
    assert_eq!(distinct.len(), 8622);
}

#[test]
fn every_real_file_by_kind_and_in_one_pass() {
    for (name, kind, count) in [
        (INSPECTIE, FileKind::InspectieResultaten, 6205),
        (DRIEJAARS, FileKind::SchoolwegingDriejaars, 6338),
        (PER_JAAR, FileKind::SchoolwegingPerJaar, 19230),
        (DUO_REF, FileKind::DuoReferentieniveaus, 6122),
        (DUO_VEST, FileKind::DuoVestigingen, 6109),
        (DUO_VEST_VO, FileKind::DuoVestigingenVo, 1626),
        (DUO_SOORT, FileKind::DuoLeerlingenSoortPo, 6970),
        (DUO_EXAMENS, FileKind::DuoExamensVo, 13_041),
        (GEO, FileKind::ScholenGeo, 8717),
    ] {
        let from_table = parse_any(&real_table(name)).unwrap();
        assert_eq!((from_table.kind(), from_table.accepted(), from_table.rejected_total()), (kind, count, 0), "{name}");
        let streamed = parse_bytes(&testdata(name), name, &Limits::default(), None).unwrap();
        assert_eq!(streamed, from_table, "{name}: one pass gives the same records");
        assert_eq!(streamed.file(), name);
    }
}
