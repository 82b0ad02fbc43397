#include "netbox/http_client.h"

#include "netbox/http_netbox_client.h"
#include "netbox/transport.h"
#include "netbox/url.h"

namespace nbr::netbox {

Result<std::unique_ptr<NetBoxApi>> MakeHttpClient(const config::NetBoxSettings& settings,
                                                  RequestObserver observer) {
  NBR_ASSIGN_OR_RETURN(BaseUrl base, ParseBaseUrl(settings.url));
  if (settings.timeout.count() <= 0) {
    return InvalidArgument("NetBox timeout must be positive");
  }

  auto transport =
      std::make_unique<Transport>(settings, std::move(base), std::move(observer));
  return std::unique_ptr<NetBoxApi>(
      std::make_unique<HttpNetBoxClient>(std::move(transport), settings.page_size));
}

}  // namespace nbr::netbox
