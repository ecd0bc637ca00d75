"""What every public site answers besides its pages."""


def test_robots_txt_and_the_favicon_are_served(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and "Disallow: /export.csv" in robots.get_data(as_text=True)
    icon = client.get("/favicon.ico")
    assert icon.status_code == 301 and client.get(icon.headers["Location"]).status_code == 200
