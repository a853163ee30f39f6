import pytest
from django.urls import reverse

from procesbank.benefits import selectors, services
from procesbank.core.errors import UserError
from procesbank.projects import services as project_services


@pytest.fixture
def project(konsulent):
    return project_services.project_create(user=konsulent, name="Digital ansøgning")


def test_map_links_columns_left_to_right(konsulent, project):
    portal = services.map_node_add(
        user=konsulent, project=project, level="deliverable", label="Selvbetjening"
    )
    change = services.map_node_add(
        user=konsulent, project=project, level="change", label="Borgeren søger selv",
        comes_from=[portal],
    )  # fmt: skip

    chart = selectors.map_chart(selectors.map_nodes(project=project))

    assert chart["levels"] == ["Leverance", "Forandring", "Gevinst", "Mål"]
    assert chart["nodes"] == [
        {"id": str(portal.pk), "name": "Selvbetjening", "x": 0, "y": 0, "level": 0},
        {"id": str(change.pk), "name": "Borgeren søger selv", "x": 300, "y": 0, "level": 1},
    ]
    assert chart["links"] == [{"source": str(portal.pk), "target": str(change.pk)}]


def test_map_refuses_a_link_that_skips_a_column(konsulent, project):
    portal = services.map_node_add(
        user=konsulent, project=project, level="deliverable", label="Selvbetjening"
    )

    with pytest.raises(UserError) as error:
        services.map_node_add(
            user=konsulent, project=project, level="goal", label="Bedre service",
            comes_from=[portal],
        )  # fmt: skip

    assert (
        str(error.value) == "“Selvbetjening” kan kun pege på elementer i den næste kolonne (Mål)."
    )


def test_map_page_draws_from_json(client, konsulent, project):
    services.map_node_add(user=konsulent, project=project, level="deliverable", label="Portal")
    client.force_login(konsulent)

    response = client.get(reverse("benefits:benefit_map", args=[project.pk]))

    assert 'id="benefit-map-data"' in response.content.decode()
